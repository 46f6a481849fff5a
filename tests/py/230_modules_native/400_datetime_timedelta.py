# datetime.timedelta: normalisation, float components, arithmetic, division, hashing, errors
from datetime import timedelta

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(repr(timedelta(days=1, seconds=-1)), str(timedelta(days=-1, seconds=5)))
print(repr(timedelta(weeks=1, hours=25, minutes=61, milliseconds=1001, microseconds=-1)))
print(repr(timedelta(days=1.5, seconds=0.5, microseconds=0.6)), repr(timedelta(microseconds=0.5)), repr(timedelta(microseconds=1.5)))
print(repr(timedelta(seconds=1e-7)), repr(timedelta(minutes=-0.1)), repr(timedelta(days=2**40 // 2**30)))
print(timedelta(0), timedelta(1), timedelta(2, 3, 4), timedelta(-2, 3, 4), timedelta(microseconds=-1))
a, b = timedelta(days=3, hours=4), timedelta(hours=7, microseconds=9)
print(a + b, a - b, b - a, -a, +a, abs(-a), a * 3, 3 * a, a * 0.5, a * -1.25)
print(a / b, a // b, a % b, divmod(a, b), a / 7, a // 7, a / 2.5, b / 3)
print(timedelta(microseconds=5) / 2, timedelta(microseconds=7) / 2, timedelta(microseconds=-5) // 2)
print(a.total_seconds(), b.total_seconds(), timedelta.max.total_seconds())
print(a > b, a == timedelta(hours=76), a != 5, a == 5, bool(timedelta(0)), bool(b))
print(hash(timedelta(hours=24)) == hash(timedelta(days=1)), {timedelta(1): 'x'}[timedelta(seconds=86400)])
print(repr(timedelta.min), repr(timedelta.max), repr(timedelta.resolution))
print(a.days, a.seconds, a.microseconds, b.microseconds)
show(lambda: timedelta(days=10**9))
show(lambda: timedelta.max + timedelta.resolution)
show(lambda: timedelta(days=1e10))
show(lambda: timedelta(days='1'))
show(lambda: timedelta(1) / 0)
show(lambda: timedelta(1) // timedelta(0))
show(lambda: timedelta(1) % timedelta(0))
show(lambda: timedelta(1) / timedelta(0))
show(lambda: timedelta(1) * float('nan'))
show(lambda: timedelta(1) < 1)
show(lambda: timedelta(1) + 1)
show(lambda: 1 / timedelta(1))
show(lambda: timedelta(1, 2, 3, 4, 5, 6, 7, 8))
show(lambda: divmod(timedelta(1), 2))
