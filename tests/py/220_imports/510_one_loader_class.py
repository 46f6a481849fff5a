# One SourceFileLoader class for find_spec and spec_from_file_location; the cache magic is importlib's MAGIC_NUMBER.
import importlib
import importlib.machinery
import importlib.util
import os
import py_compile
import sys
import tempfile

# find_spec (the path finder) and spec_from_file_location hand out the same class.
spec = importlib.util.find_spec("json")
print(type(spec.loader) is importlib.machinery.SourceFileLoader)
import json
print(json.__loader__ is json.__spec__.loader)
# Modules imported before importlib was loaded have it too.
loaders = [getattr(getattr(m, "__spec__", None), "loader", None) for m in list(sys.modules.values())]
named = [l for l in loaders if type(l).__name__ == "SourceFileLoader"]
print(len(named) > 3, all(type(l) is importlib.machinery.SourceFileLoader for l in named))
print(callable(spec.loader.get_resource_reader))
print(spec.loader.is_package("json"), spec.loader.get_filename("json").endswith("__init__.py"))

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "ldr_mod.py")
    with open(src, "w") as f:
        f.write("VALUE = 6 * 7\n")
    fspec = importlib.util.spec_from_file_location("ldr_mod", src)
    print(type(fspec.loader) is type(spec.loader))
    # The cache py_compile writes starts with MAGIC_NUMBER, and importlib's loader reads it.
    cfile = py_compile.compile(src, doraise=True)
    print(cfile == importlib.util.cache_from_source(src))
    with open(cfile, "rb") as f:
        header = f.read(16)
    print(header[:4] == importlib.util.MAGIC_NUMBER, header[2:4] == b"\r\n")
    print(len(importlib.util.MAGIC_NUMBER))
    m = importlib.util.module_from_spec(fspec)
    fspec.loader.exec_module(m)
    print(m.VALUE)
    # A cache of another build (another magic, code it cannot read) is recompiled, not trusted.
    other = bytes([importlib.util.MAGIC_NUMBER[0] ^ 1]) + importlib.util.MAGIC_NUMBER[1:]
    with open(cfile, "wb") as f:
        f.write(other + header[4:] + b"\xffnot code")
    m2 = importlib.util.module_from_spec(fspec)
    fspec.loader.exec_module(m2)
    print(m2.VALUE)
    # Through import as well.
    sys.path.insert(0, d)
    try:
        with open(cfile, "wb") as f:
            f.write(other + header[4:] + b"\xffnot code")
        import ldr_mod
        print(ldr_mod.VALUE, type(ldr_mod.__loader__) is importlib.machinery.SourceFileLoader)
    finally:
        sys.path.remove(d)
        sys.modules.pop("ldr_mod", None)
