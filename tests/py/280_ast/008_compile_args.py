# compile(): a bytes-like filename (deprecated) or a bad one
import warnings

for filename in ["file.py", b"file.py", bytearray(b"file.py"), memoryview(b"file.py")]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        code = compile("pass", filename, "exec")
    print(type(filename).__name__, code.co_filename, [(x.category.__name__, str(x.message)) for x in w])
try:
    compile("pass", list(b"file.py"), "exec")
except TypeError as e:
    print("TypeError:", e)
