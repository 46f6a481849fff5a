# io objects have _IOBase.__del__: an unreachable open stream is closed by the collector
import gc, io, os, sys

record = []
class MyRaw(io.RawIOBase):
    def readable(self):
        return True
    def readinto(self, b):
        return 0
    def __del__(self):
        record.append("del")
        super().__del__()
    def close(self):
        record.append("close")
        super().close()
    def flush(self):
        record.append("flush")
        super().flush()

def make():
    MyRaw()
make()
gc.collect()
print(record)

# A closed stream is not closed again.
record.clear()
def make_closed():
    r = MyRaw()
    r.close()
make_closed()
gc.collect()
print(record)

# A subclass of a native file: the data written is there after collection.
name = "503_io_del.tmp"
class MyFile(io.FileIO):
    def close(self):
        print("MyFile.close")
        super().close()
def write_file():
    f = MyFile(name, "w")
    f.write(b"hello")
write_file()
gc.collect()
with open(name, "rb") as f:
    print(f.read())

# A text file dropped without close(): its buffered text is written out.
def write_text():
    f = open(name, "w")
    f.write("text kept")
write_text()
gc.collect()
with open(name) as f:
    print(f.read())
os.remove(name)

# close() failing inside the finalizer is dropped silently (CPython 3.11 outside dev mode).
class Failing(io.RawIOBase):
    def close(self):
        raise OSError("cannot close")
def make_failing():
    Failing()
make_failing()
gc.collect()
print(hasattr(io.IOBase, "__del__"), "done")
