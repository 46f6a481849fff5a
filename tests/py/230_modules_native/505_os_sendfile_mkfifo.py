# os.sendfile (with and without an offset) and os.mkfifo, as shutil's zero-copy and special-file paths use them
import os
import stat
import tempfile

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "src")
    dst = os.path.join(d, "dst")
    with open(src, "wb") as f:
        f.write(b"0123456789" * 1000)
    i = os.open(src, os.O_RDONLY)
    o = os.open(dst, os.O_WRONLY | os.O_CREAT)
    print(os.sendfile(o, i, 9990, 100), os.lseek(i, 0, os.SEEK_CUR))
    print(os.sendfile(o, i, None, 25), os.lseek(i, 0, os.SEEK_CUR))
    print(os.sendfile(out_fd=o, in_fd=i, offset=20000, count=5))
    for args in ((o, i, None, -1), (o, i, "x", 5), (o, 987, None, 5)):
        try:
            os.sendfile(*args)
        except (OSError, TypeError) as e:
            print(type(e).__name__, e)
    os.close(i)
    os.close(o)
    with open(dst, "rb") as f:
        print(f.read())
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo, 0o600)
    st = os.stat(fifo)
    print(stat.S_ISFIFO(st.st_mode), oct(stat.S_IMODE(st.st_mode)))
    try:
        os.mkfifo(fifo)
    except FileExistsError as e:
        print("FileExistsError", e.errno, e.filename)
