# _hashlib: OpenSSL digests, XOFs, HMAC, pbkdf2_hmac, compare_digest and errors
import _hashlib as h

for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512',
             'sha512_256', 'blake2b', 'blake2s']:
    m = h.new(name, b'abc')
    print(m.name, m.digest_size, m.block_size, m.hexdigest()[:32], len(m.digest()))
for ctor in [h.openssl_md5, h.openssl_sha1, h.openssl_sha256, h.openssl_sha512, h.openssl_sha3_256]:
    m = ctor()
    m.update(b'hello ')
    c = m.copy()
    m.update(b'world')
    print(m.name, m.hexdigest()[:24], c.hexdigest()[:24], ctor(b'hello world').digest() == m.digest())
print(h.new('SHA256').name, h.new('sha256', string=b'x').hexdigest() == h.openssl_sha256(b'x').hexdigest(),
      h.openssl_sha1(string=b'y').hexdigest() == h.new('sha1', b'y').hexdigest(), h.openssl_md5(bytearray(b'z')).hexdigest())
s = h.openssl_shake_128(b'x')
print(type(s).__name__, type(s).__mro__[1].__name__, s.name, s.digest_size, s.hexdigest(4), s.digest(8).hex(), h.openssl_shake_256(b'').hexdigest(10))
print(repr(h.new('md5')).startswith('<md5 _hashlib.HASH object @ 0x'), type(h.new('md5')).__name__)
x = h.hmac_new(b'key', b'msg', 'sha256')
print(x.name, x.digest_size, x.block_size, type(x).__name__, x.hexdigest())
y = x.copy()
y.update(b'more')
print(x.hexdigest()[:16], y.hexdigest()[:16], h.hmac_new(b'key', b'msgmore', digestmod='sha256').hexdigest()[:16])
print(h.hmac_digest(b'key', b'msg', 'sha256') == x.digest(), h.hmac_digest(b'', b'', 'md5').hex())
print(repr(h.hmac_new(b'k', digestmod='sha1')).startswith('<sha1 HMAC object @ 0x'))
print(h.pbkdf2_hmac('sha256', b'pw', b'salt', 2, 10).hex(), h.pbkdf2_hmac('sha1', b'password', b'salt', 1).hex(),
      len(h.pbkdf2_hmac('sha512', b'p', b's', 3)))
print(h.compare_digest(b'a', bytearray(b'a')), h.compare_digest('ab', 'ab'), h.compare_digest(b'ab', b'abc'), h.compare_digest('a', 'b'))
print(h.get_fips_mode(), {'md5', 'sha1', 'sha256', 'sha3_512', 'shake_128', 'blake2b'} <= h.openssl_md_meth_names,
      type(h.openssl_md_meth_names).__name__)
print(h.UnsupportedDigestmodError.__mro__)
for call in [lambda: h.new('md5', 'x'), lambda: h.new('md5', 1), lambda: h.new('md5', b'a', string=b'b'), lambda: h.openssl_md5(b'', True),
             lambda: h.pbkdf2_hmac('sha1', b'p', b's', 0), lambda: h.pbkdf2_hmac('sha1', b'p', b's', 1, 0),
             lambda: h.hmac_new(b'k'), lambda: h.compare_digest(1, 2), lambda: h.compare_digest('\xe9', 'e'),
             lambda: s.digest(), lambda: h.openssl_sha1(b'x').hexdigest(3), lambda: h.openssl_md5().update('s')]:
    try:
        print(repr(call()))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for call in [lambda: h.new('foo'), lambda: h.hmac_new(b'k', digestmod='foo'), lambda: h.pbkdf2_hmac('foo', b'p', b's', 1)]:
    try:
        call()
    except h.UnsupportedDigestmodError as e:
        print('UnsupportedDigestmodError')
