# the bytecode cache: written beside the source, used, and a stale, garbage or truncated cache file is ignored and rewritten
import sys
import posix

print(sys.flags.dont_write_bytecode, sys.dont_write_bytecode)  # the golden harness sets PYTHONDONTWRITEBYTECODE
tag = sys.implementation.cache_tag
folder = "/tmp/slpy_cache_test_%d" % posix.getpid()
posix.mkdir(folder)
cache_dir = folder + "/__pycache__"
cache = cache_dir + "/cached_mod." + tag + ".pyc"
sys.path.insert(0, folder)

def write_source(text):
    with open(folder + "/cached_mod.py", "w") as f:
        f.write(text)

def fresh_import():
    sys.modules.pop("cached_mod", None)
    import cached_mod
    return cached_mod

def cache_bytes():
    try:
        with open(cache, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None

try:
    write_source("X = 1\n")
    m = fresh_import()
    print("no cache while dont_write_bytecode:", m.X, cache_bytes() is None)
    sys.dont_write_bytecode = False
    m = fresh_import()
    first = cache_bytes()
    print("written:", m.X, first is not None and len(first) > 16, m.__cached__ == cache)
    m = fresh_import()
    print("reused:", m.X, cache_bytes() == first)
    # garbage instead of a cache file
    with open(cache, "wb") as f:
        f.write(b"garbage!")
    m = fresh_import()
    print("garbage ignored:", m.X, cache_bytes() == first)
    # a cache file cut inside its header
    with open(cache, "wb") as f:
        f.write(first[:10])
    m = fresh_import()
    print("short header ignored:", m.X, cache_bytes() == first)
    # A cache file whose header matches but whose body is cut or corrupt: CPython trusts
    # the header (EOFError / a crash), slpy validates the body and recompiles.
    if sys.implementation.name == "slpy":
        with open(cache, "wb") as f:
            f.write(first[: len(first) // 2])
        m = fresh_import()
        print("truncated body ignored:", m.X, cache_bytes() == first)
        flipped = bytearray(first)
        flipped[-20] ^= 0xFF
        with open(cache, "wb") as f:
            f.write(bytes(flipped))
        m = fresh_import()
        print("corrupt body ignored:", m.X, cache_bytes() == first)
    else:
        print("truncated body ignored: 1 True")
        print("corrupt body ignored: 1 True")
    # a header for another source size: the source changed
    write_source("X = 22\n")
    m = fresh_import()
    print("stale (size) recompiled:", m.X, cache_bytes() != first)
    # a syntax error is reported, not cached
    write_source("X = (\n")
    try:
        fresh_import()
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
finally:
    sys.dont_write_bytecode = True
    for name in posix.listdir(cache_dir) if "__pycache__" in posix.listdir(folder) else []:
        posix.unlink(cache_dir + "/" + name)
    if "__pycache__" in posix.listdir(folder):
        posix.rmdir(cache_dir)
    posix.unlink(folder + "/cached_mod.py")
    posix.rmdir(folder)
print("cleaned up")
