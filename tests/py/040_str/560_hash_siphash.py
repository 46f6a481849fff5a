# str/bytes/memoryview hashes are CPython's SipHash-1-3 under PYTHONHASHSEED (0 here; 42 and random in children), so set order matches too
import subprocess
import sys

print(sys.hash_info.algorithm, sys.hash_info.hash_bits, sys.hash_info.seed_bits, sys.hash_info.cutoff)
print(sys.flags.hash_randomization)
samples = ["", "a", "abc", "abcdefgh", "abcdefghijk", "é", "café", "ĀB", "\u20ac" * 9, "😀x", "\udc80", "x" * 1000]
for s in samples:
    print(repr(s)[:20], hash(s))
for b in [b"", b"abc", b"\xff" * 17]:
    print(b[:8], hash(b), hash(b) == hash(memoryview(b)))
print(hash("abc") == hash(b"abc"), hash("é") == hash("é".encode("latin-1")))
print({"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"})
print(frozenset("abcdefghij"))
print(list({"k%d" % i for i in range(20)}))

code = "print(hash('abc'), hash(b'xyz'), sorted({'a', 'b'}))"
def child(seed):
    env = {"PATH": "/usr/bin:/bin"}
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return r.returncode, r.stdout.strip(), r.stderr.strip().splitlines()[:1]
print(child("42"))
print(child("4294967295"))
a, b = child("random"), child(None)
print(a[0], b[0], len(a[1].split()), len(b[1].split()))  # random seeds: values differ run to run
for bad in ("abc", "-1", "4294967296", "1.5"):
    print(child(bad))
