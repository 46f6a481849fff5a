# CPython's tarfile reading plain and gzip archives through slpy's io (ExFileObject is a Python subclass of BufferedReader)
import logging
logging.disable(logging.ERROR)  # slpy lacks _blake2: hashlib (imported by random, tempfile) would log that
import gzip, io, os, tarfile, tempfile

def member(name, payload, kind=b"0"):
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % len(payload)
    h[136:148] = b"%011o\0" % 0
    h[148:156] = b" " * 8
    h[156:157] = kind
    h[257:263] = b"ustar\0"
    h[263:265] = b"00"
    h[148:156] = b"%06o\0 " % sum(h)
    pad = b"\0" * (-len(payload) % 512)
    return bytes(h) + payload + pad

data = b"".join(b"row %d\n" % i for i in range(300))
archive = member("dir/", b"", b"5") + member("dir/rows.txt", data) + member("small.bin", b"\x00\x01\x02") + b"\0" * 1024

with tarfile.open(fileobj=io.BytesIO(archive)) as tf:
    print([(m.name, m.size, m.isdir(), m.isfile()) for m in tf.getmembers()])
    f = tf.extractfile("dir/rows.txt")
    print(type(f).__name__, isinstance(f, io.BufferedReader), f.readline(), f.read(6))
    f.seek(0)
    print(len(f.read()) == len(data), f.tell())
    print(tf.extractfile("small.bin").read())

with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "a.tar.gz")
    with open(p, "wb") as out:
        out.write(gzip.compress(archive, mtime=0))
    print(tarfile.is_tarfile(p))
    with tarfile.open(p, "r:gz") as tf:
        print(tf.getnames())
        # (extraction is not tested: extractall needs copy.copy of a TarInfo and, as root,
        # os.chown, which slpy lacks so far)
        print(tf.extractfile("dir/rows.txt").read() == data)
    with tarfile.open(p) as tf:
        for m in tf:
            print(m.name, m.mode)
