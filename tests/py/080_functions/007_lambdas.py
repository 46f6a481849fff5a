# lambdas: defaults, closures, immediately invoked, in sort keys, nested
sq = lambda x: x * x
add = lambda a, b=1, *c, **d: (a + b, c, d)
print(sq(5), add(1), add(1, 2, 3, k=4), (lambda: "iife")(), (lambda *a: a)(1, 2))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)), list(map(lambda x: x % 3, range(6))))
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, lambda x: x + 1)(3), sq.__name__, (lambda: 0).__name__)
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
