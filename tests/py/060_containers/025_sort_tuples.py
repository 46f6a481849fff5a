# sorting tuples: ints, floats, strings, mixed, different lengths, nested, stability with keys
state = 12345
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return state % n
data = []
for i in range(3000):
    k = rnd(6)
    if k == 0: data.append((rnd(10), rnd(10)))
    elif k == 1: data.append((rnd(10),))
    elif k == 2: data.append((rnd(10), rnd(3), "s" + str(rnd(5))))
    elif k == 3: data.append((rnd(10), rnd(10) / 4))
    elif k == 4: data.append((rnd(10), (rnd(3), rnd(3))))
    else: data.append(())
try:
    print(sorted(data)[:5])
except TypeError as e:
    print("TypeError", e)
only = [t for t in data if len(t) != 3 and not (len(t) == 2 and isinstance(t[1], tuple))]
s = sorted(only)
print(s[:8], s[-8:], len(s))
print(sorted(only, reverse=True)[:6])
print(sorted([(1, "b"), (1, "a"), (0, "z"), (1, "a", 0), (1,)]))
print(sorted([(1.5, 2), (1.5, 1), (float("inf"), 0), (-0.0, 1), (0.0, 0)]))
words = [("w" + str(rnd(50)), rnd(4)) for _ in range(2000)]
print(sorted(words)[:5], sorted(words, key=lambda t: t[1])[:5])
print(sorted([(2**70, 1), (2**70, 0), (-(2**70), 5), (3, 3)]))
