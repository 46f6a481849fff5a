# list/dict/set comprehensions, nested loops, conditions, scoping of the loop variable
print([x * x for x in range(10)], [x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)], [[c for c in w] for w in ["ab", "cd"]])
print({x: x ** 2 for x in range(5)}, {x % 3 for x in range(10)}, {c: i for i, c in enumerate("abca")})
x = "outer"
print([x for x in "inner"], x)
print([y if y % 2 else -y for y in range(6)], sum(i for i in range(100)), list(i * 2 for i in "ab"))
m = [[i * 3 + j for j in range(3)] for i in range(3)]
print(m, [row[i] for i, row in enumerate(m)], [list(r) for r in zip(*m)])
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
print([n for n in range(2, 40) if all(n % d for d in range(2, n))])
