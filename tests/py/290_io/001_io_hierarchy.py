# io's class hierarchy: the _io bases, io's ABCs over them, isinstance of every concrete class, constants
import logging
logging.disable(logging.ERROR)  # slpy lacks _blake2: hashlib (imported by random, tempfile) would log that
import io, _io, os, tempfile

for name in ("_IOBase", "_RawIOBase", "_BufferedIOBase", "_TextIOBase"):
    t = getattr(_io, name)
    print(name, [c.__name__ for c in t.__mro__])
for cls in (io.FileIO, io.BufferedReader, io.BufferedWriter, io.BufferedRandom, io.BufferedRWPair,
            io.BytesIO, io.StringIO, io.TextIOWrapper):
    print(cls.__name__, [c.__name__ for c in cls.__mro__], cls.__module__)
print([c.__name__ for c in io.RawIOBase.__mro__])
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.UnsupportedOperation.__module__, io.BlockingIOError is BlockingIOError)
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.open is open, io.text_encoding(None), io.text_encoding("utf-8"))

with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "f.bin")
    with open(p, "wb") as f:
        print(type(f).__name__, isinstance(f, io.BufferedIOBase), isinstance(f, io.IOBase), isinstance(f, io.RawIOBase))
        f.write(b"one\ntwo\n")
    with open(p, "rb") as f:
        print(type(f).__name__, isinstance(f, io.BufferedIOBase), isinstance(f, io.TextIOBase))
        print(f.readlines())
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, isinstance(f, io.RawIOBase), isinstance(f, io.BufferedIOBase))
        print(f.read(3), f.readall())
    with open(p, "r+b") as f:
        print(type(f).__name__, isinstance(f, io.BufferedIOBase))
    with open(p) as f:
        print(type(f).__name__, isinstance(f, io.TextIOBase), isinstance(f, io.IOBase), isinstance(f, io.BufferedIOBase))
        print(type(f.buffer).__name__, list(f))
    with io.open_code(p) as f:
        print(type(f).__name__, f.read())
    f = open(p, "rb")
    f.close()
    try:
        f.read()
    except ValueError as e:
        print("ValueError", e)

print(isinstance(io.BytesIO(), io.BufferedIOBase), isinstance(io.StringIO(), io.TextIOBase))
print(isinstance(io.BytesIO(), io.RawIOBase), isinstance(io.StringIO(), io.BufferedIOBase))
try:
    io.StringIO().fileno()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
try:
    io.BytesIO().detach()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
