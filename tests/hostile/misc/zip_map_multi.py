# misc: zip(strict=True)/map over several iterables of different lengths that raise or mutate mid-way
def gen(n, exc=None):
    for i in range(n):
        yield i
    if exc:
        raise exc
L = list(range(5))
for f in (lambda: list(zip(gen(3), gen(5), strict=True)), lambda: list(zip(gen(5), gen(3), strict=True)),
          lambda: list(zip(gen(3, KeyError), gen(5), strict=True)), lambda: list(map(pow, gen(3), gen(4), gen(5))),
          lambda: list(zip(L, (L.clear() or 1 for _ in range(10)), strict=True)), lambda: list(zip(strict=1)),
          lambda: list(zip(*[gen(2)] * 1000)), lambda: list(map(lambda *a: a, *[gen(3)] * 500)),
          lambda: list(enumerate(gen(3), 2**63 - 2)), lambda: list(enumerate(gen(3), start=-2**70)),
          lambda: list(zip(gen(2), strict=True, extra=1))):
    try:
        f()
    except (ValueError, KeyError, TypeError, OverflowError):
        pass
