# infinite generators consumed partially: primes sieve, fibonacci, cycles, zip with finite
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
def cycle(seq):
    while True:
        yield from seq
p = primes()
print([next(p) for _ in range(20)])
print(list(zip(range(10), fib())))
print(list(zip("abcdefg", cycle([1, 2, 3]))))
f = fib()
for x in f:
    if x > 10 ** 20:
        print(x)
        break
print(next(f))
