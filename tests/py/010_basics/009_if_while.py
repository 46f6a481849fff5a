# simple if/elif/else and while loops
for n in range(-2, 4):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n == 1:
        print(n, "one")
    else:
        print(n, "many")
i = 0
total = 0
while i < 10:
    total += i
    i += 1
print(total)
x = 5
print("big" if x > 3 else "small")
