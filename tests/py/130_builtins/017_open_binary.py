# open() in binary mode: write bytes, read all / partial, seek/tell
path = "/tmp/slpy_golden_130_017_open_binary.bin"
data = bytes(range(256)) * 4
with open(path, "wb") as f:
    print(f.write(data))
with open(path, "rb") as f:
    head = f.read(10)
    print(head, f.tell())
    f.seek(250)
    print(f.read(10), f.tell())
    rest = f.read()
    print(len(rest), f.read())
with open(path, "rb") as f:
    print(f.read() == data)
with open(path, "wb") as f:
    f.write("é\n".encode("utf-8"))
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="utf-8") as f:
    print(repr(f.read()))
try:
    with open(path, "wb") as f:
        f.write("str not bytes")
except TypeError as e:
    print(type(e).__name__, e)
try:
    open("/tmp/slpy_golden_nonexistent_dir/x.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
    print(e)
