# Prime sieve: a generator tasklet feeds 2, 3, 4, ... into a pipeline of filter tasklets,
# one per prime found, each connected to the next by a channel.
# Usage: tools/run demos/sieve.py [PRIMES]
import sys
import time
import stackless

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def generate(out):
    n = 2
    while True:
        out.send(n)
        n += 1


def filter_multiples(prime, inp, out):
    while True:
        n = inp.receive()
        if n % prime:
            out.send(n)


t0 = time.perf_counter()
ch = stackless.channel()
stackless.tasklet(generate)(ch)
primes = []
for _ in range(COUNT):
    p = ch.receive()
    primes.append(p)
    nxt = stackless.channel()
    stackless.tasklet(filter_multiples)(p, ch, nxt)
    ch = nxt
t1 = time.perf_counter()


def is_prime(n):
    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))


ok = all(is_prime(p) for p in primes) and primes == sorted(set(primes)) and \
    sum(1 for n in range(2, primes[-1] + 1) if is_prime(n)) == COUNT
print("primes:", COUNT, "filters:", COUNT, "last:", primes[-1], "sum:", sum(primes),
      "ok" if ok else "WRONG")
print("first ten:", primes[:10])
print("%.3f s" % (t1 - t0))
