# loop variables leak and are rebound, for over various iterables, loop over modified list
for i in range(3):
    pass
print(i)
for ch in "ab":
    print(ch, end=" ")
print()
for k in {"x": 1, "y": 2}:
    print(k, end=" ")
print()
for k, v in {"x": 1, "y": 2}.items():
    print(k, v, end="; ")
print()
lst = [1, 2, 3]
for x in lst:
    if x < 3:
        lst.append(x + 10)
print(lst)
for i, (a, b) in enumerate(zip("ab", "cd")):
    print(i, a, b)
r = []
for x in range(3):
    for y in range(3):
        if x == y:
            continue
        r.append(x * 10 + y)
print(r)
