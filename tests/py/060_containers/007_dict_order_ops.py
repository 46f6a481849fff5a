# dict ordering after deletion/reinsertion, iteration, reversed, equality ignores order
d = {}
for i in range(10):
    d[i * 7 % 10] = i
print(d)
for k in [3, 5, 7]:
    del d[k]
d[5] = "back"
print(d, list(reversed(d)), list(reversed(d.items()))[:2])
print({1: 2, 3: 4} == {3: 4, 1: 2})
try:
    for k in d:
        d[k + 100] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), sum(big), sum(big.values()), list(big)[:5], list(big)[-3:])
