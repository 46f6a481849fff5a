# CPython's os, os.path, stat, errno, posixpath and genericpath on slpy's posix module
import os, os.path, stat, errno, posixpath, genericpath
import sys

print(os.name, os.sep, os.pathsep, os.linesep == "\n", os.path is posixpath, sys.modules["os.path"] is posixpath)
here = os.getcwd()
print(here == os.path.abspath("."), os.path.basename(here))
print(sorted(os.listdir("006_os_pkgs")), sorted(os.listdir(b"006_os_pkgs")))
print(sorted(e.name for e in os.scandir("006_os_pkgs")), [e.is_dir() for e in sorted(os.scandir("006_os_pkgs"), key=lambda e: e.name)])
print(os.path.join("a", "b", "c"), os.path.join("/a", "/b"), os.path.split("/x/y/z.py"), os.path.splitext("a/b.tar.gz"))
print(os.path.exists("006_os_pkgs/five.txt"), os.path.exists("nope"), os.path.isdir("006_os_pkgs"), os.path.isfile("006_os_pkgs"))
st = os.stat("006_os_pkgs/five.txt")
print(st.st_size, st[stat.ST_SIZE], stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat("006_os_pkgs").st_mode), os.path.getsize("006_os_pkgs/five.txt"))
print(stat.filemode(0o100644), stat.filemode(0o40755), oct(stat.S_IMODE(0o100644)))
print(os.path.normpath("a//b/./c/../d"), os.path.dirname("/a/b/c"), os.path.isabs("/x"), os.path.relpath("/a/b/c", "/a"))
print(errno.ENOENT, errno.errorcode[errno.ENOENT], errno.EEXIST, os.strerror(errno.ENOENT))
try:
    os.stat("no/such/file")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno == errno.ENOENT, e.filename, e)
try:
    os.rename("no_such_a", "no_such_b")
except OSError as e:
    print(type(e).__name__, e.filename, e.filename2, e)
print(os.fspath("p"), os.fsencode("é"), os.fsdecode(b"\xc3\xa9"), os.environ.get("PYTHONHASHSEED"), "PATH" in os.environ)
print(type(os.getpid()).__name__, os.access("006_os_pkgs", os.R_OK), os.cpu_count() >= 1)
fd = os.open("006_os_pkgs/five.txt", os.O_RDONLY)
print(os.read(fd, 3), os.lseek(fd, 0, os.SEEK_END), os.fstat(fd).st_size)
os.close(fd)
print(list(os.walk("006_os_pkgs"))[0][1:] if False else sorted(d for d, _, _ in os.walk("006_os_pkgs")))
