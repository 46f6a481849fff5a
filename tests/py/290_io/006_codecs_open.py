# codecs.open / StreamReaderWriter / StreamReader and StreamWriter over slpy's binary files and BytesIO
import logging
logging.disable(logging.ERROR)  # slpy lacks _blake2: hashlib (imported by random, tempfile) would log that
import codecs, io, os, tempfile

with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "c.txt")
    with codecs.open(p, "w", encoding="utf-8") as f:
        print(type(f).__name__)
        f.write("héllo\n")
        f.writelines(["wörld\n", "end"])
    print(open(p, "rb").read())
    with codecs.open(p, "r", encoding="utf-8") as f:
        print(f.readline(), f.readlines())
    with codecs.open(p, encoding="utf-8") as f:
        print(list(f))
    with codecs.open(p, "rb", encoding="latin-1") as f:
        print(repr(f.read()))

b = io.BytesIO()
w = codecs.getwriter("utf-8")(b)
w.write("añb")
print(b.getvalue())
b.seek(0)
r = codecs.getreader("utf-8")(b)
print(r.read(), r.read())
srw = codecs.StreamReaderWriter(io.BytesIO("x\ny\n".encode("utf-16-le")), codecs.getreader("utf-16-le"), codecs.getwriter("utf-16-le"))
srw.seek(0, 2)
srw.write("z")
srw.seek(0)
print(srw.readlines())
