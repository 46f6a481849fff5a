# _random.Random: MT19937 seeded as CPython (int seeds by absolute value, hash of others), random(), getrandbits, state
import _random

r = _random.Random(42)
print(r.random(), r.random(), r.getrandbits(8), r.getrandbits(32), r.getrandbits(100), r.getrandbits(0))
print(_random.Random(-42).random() == _random.Random(42).random(), _random.Random(0).random(), _random.Random(2**100 + 7).random())
print(_random.Random(12345678901234567890).getrandbits(64), _random.Random(1).getrandbits(33), _random.Random(3.5).random() == _random.Random(3.5).random())
r.seed(5)
a = [r.random() for _ in range(3)]
r.seed(5)
print(a == [r.random() for _ in range(3)], a)
st = r.getstate()
print(type(st).__name__, len(st), st[-1], all(0 <= w < 2**32 for w in st))
x = r.random()
r.setstate(st)
print(x == r.random())
s2 = _random.Random()
s2.setstate(st)
print(s2.random() == x)
r.seed()
print(0.0 <= r.random() < 1.0, 0 <= r.getrandbits(5) < 32)
for bad in [lambda: r.setstate(1), lambda: r.setstate((1, 2)), lambda: r.setstate(st[:-1] + (625,)),
            lambda: r.setstate(st[:-1] + (-1,)), lambda: r.getrandbits(-1), lambda: r.getrandbits('a'),
            lambda: _random.Random(1, 2), lambda: r.seed(1, 2), lambda: r.random(1), lambda: _random.Random(x=1),
            lambda: r.seed([])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class R(_random.Random):
    def __init__(self, a, b):
        super().__init__(a + b)
print(R(40, 2).random() == _random.Random(42).random(), _random.Random.__module__)
print([_random.Random(s).getrandbits(16) for s in range(5)], _random.Random(True).random() == _random.Random(1).random())
print(_random.Random(2**32).random(), _random.Random(2**32 - 1).random())
