# tarfile and zipfile with bz2 and xz compression (the _bz2/_lzma bindings under CPython's archive modules)
import io
import tarfile
import zipfile

payload = {"a.txt": b"alpha\n" * 500, "dir/b.bin": bytes(range(256)) * 40, "empty": b""}

for mode in ("w:bz2", "w:xz", "w|bz2", "w|xz"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in payload.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tf.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    buf.seek(0)
    with tarfile.open(fileobj=buf, mode="r:*") as tf:
        names = tf.getnames()
        ok = all(tf.extractfile(n).read() == payload[n] for n in names)
    print(mode, raw[:3], names, ok)

for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in payload.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), data, compress_type=method)
    with zipfile.ZipFile(buf) as zf:
        print(method, [(i.filename, i.compress_type, i.file_size) for i in zf.infolist()],
              all(zf.read(n) == payload[n] for n in payload), zf.testzip())
        with zf.open("a.txt") as f:
            print(f.read(7), f.read(3), len(f.read()))
