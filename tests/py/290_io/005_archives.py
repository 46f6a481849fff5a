# CPython's gzip and zipfile on slpy's io (compress/decompress, GzipFile round trip, gzip.open text, zip stored/deflated/streamed)
import logging
logging.disable(logging.ERROR)  # slpy lacks _blake2: hashlib (imported by random, tempfile) would log that
import gzip, io, os, tarfile, tempfile, zipfile

data = b"".join(b"line %d of the data\n" % i for i in range(2000))
z = gzip.compress(data, mtime=0)
print(z[:4], gzip.decompress(z) == data, len(z) < len(data))
bio = io.BytesIO()
with gzip.GzipFile(fileobj=bio, mode="wb", mtime=0) as g:
    g.write(data[:100])
    g.write(data[100:])
bio.seek(0)
with gzip.GzipFile(fileobj=bio) as g:
    print(g.readline(), g.read(10), len(g.read()))
try:
    gzip.decompress(b"not gzip data")
except gzip.BadGzipFile as e:
    print("BadGzipFile", e)

with tempfile.TemporaryDirectory() as d:
    gp = os.path.join(d, "t.txt.gz")
    with gzip.open(gp, "wt", encoding="utf-8") as f:
        f.write("héllo\nwörld\n" * 3)
    with gzip.open(gp, "rt", encoding="utf-8") as f:
        print(f.readline(), f.read().count("\n"))
    with gzip.open(gp) as f:
        print(type(f).__name__, f.read(6))

    zp = os.path.join(d, "a.zip")
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("stored.txt", "stored text\n" * 10)
        zf.writestr("deflated.bin", data, compress_type=zipfile.ZIP_DEFLATED)
        with open(os.path.join(d, "disk.txt"), "w") as f:
            f.write("from disk")
        zf.write(os.path.join(d, "disk.txt"), "dir/disk.txt", compress_type=zipfile.ZIP_DEFLATED)
        with zf.open("streamed.txt", "w") as w:
            w.write(b"streamed data")
    print(zipfile.is_zipfile(zp))
    with zipfile.ZipFile(zp) as zf:
        print(zf.namelist())
        for info in zf.infolist():
            print(info.filename, info.compress_type, info.file_size)
        print(zf.read("deflated.bin") == data, zf.read("dir/disk.txt"))
        with zf.open("stored.txt") as f:
            print(f.readline(), len(f.read()))
        with io.TextIOWrapper(zf.open("stored.txt"), encoding="utf-8") as t:
            print(len(t.readlines()))
        print(zf.testzip())
        zf.extractall(os.path.join(d, "out"))
    print(open(os.path.join(d, "out", "dir", "disk.txt")).read())

