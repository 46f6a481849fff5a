# _blake2 over OpenSSL: blake2b/blake2s digests, attributes and argument errors; import random/hashlib log nothing
import hashlib, _blake2
for f in (hashlib.blake2b, hashlib.blake2s):
    h = f(b"abc")
    h.update(b"def")
    print(h.name, h.digest_size, h.block_size, h.hexdigest())
    print(f(b"abc", digest_size=h.digest_size).hexdigest() == f(b"abc").hexdigest())
print(hashlib.new("blake2b", b"x").hexdigest()[:16], hashlib.blake2s().hexdigest()[:16])
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE)
for bad in (lambda: hashlib.blake2b(digest_size=0), lambda: hashlib.blake2s(digest_size=33), lambda: hashlib.blake2b(b"a", b"b"), lambda: hashlib.blake2b(data="s"), lambda: hashlib.blake2b(foo=1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
import random
random.seed(42)
print(random.random())
