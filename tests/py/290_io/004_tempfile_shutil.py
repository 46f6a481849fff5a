# CPython's tempfile and shutil on slpy's io: TemporaryFile, NamedTemporaryFile, TemporaryDirectory, mkstemp, copy/copytree/move/rmtree/which/copyfileobj
import logging
logging.disable(logging.ERROR)  # slpy lacks _blake2: hashlib (imported by random, tempfile) would log that
import os, shutil, stat, tempfile

with tempfile.TemporaryDirectory(prefix="slpy") as d:
    print(os.path.isdir(d), os.path.basename(d).startswith("slpy"))
    with tempfile.TemporaryFile(dir=d) as f:
        f.write(b"spam and eggs")
        f.seek(0)
        print(f.read(), f.mode)
    with tempfile.TemporaryFile("w+", dir=d) as f:
        f.write("text\nmore\n")
        f.seek(0)
        print(f.readlines())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=d, delete=False) as f:
        f.write("named")
        name = f.name
    print(name.endswith(".txt"), open(name).read())
    with tempfile.NamedTemporaryFile(dir=d) as f:
        f.write(b"gone")
        f.flush()
        n2 = f.name
        print(os.path.exists(n2), open(n2, "rb").read())
    print(os.path.exists(n2))
    fd, p = tempfile.mkstemp(prefix="x", dir=d)
    os.write(fd, b"raw")
    os.close(fd)
    print(os.path.basename(p).startswith("x"), open(p, "rb").read())
    sub = tempfile.mkdtemp(dir=d)
    print(os.path.isdir(sub))
    with tempfile.SpooledTemporaryFile(max_size=10, mode="w+b") as sp:
        sp.write(b"12345")
        print(sp._rolled)
        sp.write(b"67890abc")
        print(sp._rolled)
        sp.seek(0)
        print(sp.read())

    # shutil
    src = os.path.join(d, "src")
    os.makedirs(os.path.join(src, "a", "b"))
    for rel, text in (("top.txt", "top"), ("a/one.txt", "one"), ("a/b/two.py", "two" * 1000)):
        with open(os.path.join(src, rel), "w") as f:
            f.write(text)
    os.chmod(os.path.join(src, "top.txt"), 0o640)
    dst = shutil.copy(os.path.join(src, "top.txt"), os.path.join(d, "copy.txt"))
    print(os.path.basename(dst), open(dst).read(), oct(stat.S_IMODE(os.stat(dst).st_mode)))
    shutil.copyfile(os.path.join(src, "a/b/two.py"), os.path.join(d, "two.py"))
    print(os.path.getsize(os.path.join(d, "two.py")))
    shutil.copy2(os.path.join(src, "top.txt"), os.path.join(d, "copy2.txt"))
    print(os.stat(os.path.join(d, "copy2.txt")).st_mtime == os.stat(os.path.join(src, "top.txt")).st_mtime)
    tree = shutil.copytree(src, os.path.join(d, "tree"), ignore=shutil.ignore_patterns("*.py"))
    found = []
    for root, dirs, files in os.walk(tree):
        dirs.sort()
        found += sorted(os.path.relpath(os.path.join(root, x), tree) for x in files)
    print(found)
    moved = shutil.move(os.path.join(d, "tree"), os.path.join(d, "moved"))
    print(os.path.basename(moved), os.path.exists(os.path.join(d, "tree")), sorted(os.listdir(moved)))
    shutil.rmtree(moved)
    print(os.path.exists(moved))
    try:
        shutil.rmtree(os.path.join(d, "nope"))
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno)
    exe = os.path.join(d, "tool")
    with open(exe, "w") as f:
        f.write("#!/bin/sh\n")
    os.chmod(exe, 0o755)
    print(shutil.which("tool", path=d) == exe, shutil.which("missing-tool", path=d))
    with open(os.path.join(d, "x.bin"), "wb") as a, open(os.path.join(d, "y.bin"), "wb") as b:
        a.write(b"z" * 70000)
    with open(os.path.join(d, "x.bin"), "rb") as a, open(os.path.join(d, "y.bin"), "wb") as b:
        shutil.copyfileobj(a, b, 1000)
    print(os.path.getsize(os.path.join(d, "y.bin")))
print(os.path.exists(d))
