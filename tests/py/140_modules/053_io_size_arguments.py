# The optional size argument of read/readline/readlines/truncate on text, binary and StringIO files: values and errors
import io
with open("/tmp/slpy_golden_io_size_arguments.txt", "w") as f:
    f.write("ab\ncd\nef\n")
for mode in ("r", "rb"):
    with open("/tmp/slpy_golden_io_size_arguments.txt", mode) as f:
        for call in ("f.read('x')", "f.readline(1.5)", "f.readlines(None)", "f.read(n=2)", "f.readline(1, 2)", "f.read(None)", "f.readline(2)", "f.readlines(3)"):
            try:
                print(mode, call, repr(eval(call)))
            except TypeError as e:
                print(mode, call, "TypeError", e)
s = io.StringIO("xy\nz\n")
for call in ("s.read('x')", "s.readline(1)", "s.readlines(None)", "s.truncate('a')", "s.truncate(None)", "s.getvalue()", "s.read(k=1)"):
    try:
        print(call, repr(eval(call)))
    except TypeError as e:
        print(call, "TypeError", e)
