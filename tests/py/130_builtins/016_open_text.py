# open() for writing and reading a text file under /tmp; read, readline, iteration, append mode
path = "/tmp/slpy_golden_130_016_open_text.txt"
with open(path, "w") as f:
    n = f.write("first line\nsecond line\n")
    f.write("third é line\n")
print(n)
with open(path) as f:
    print(repr(f.read()))
with open(path, "r", encoding="utf-8") as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
    print(repr(f.readline()))
with open(path, "a") as f:
    print("appended via print", file=f)
with open(path) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
f = open(path)
print(f.closed, f.name == path, f.mode)
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print(type(e).__name__, e)
with open(path, "w") as f:
    f.writelines(["a\n", "b\n"])
with open(path) as f:
    print(f.read().splitlines())
