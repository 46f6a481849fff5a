# coding: utf-8
# with a utf-8 cookie the lines are not checked as read: this comment holds a bad byte ÿ and the file runs
print("runs")
for src in [b"# coding: utf-8\nx = 'ab\xffcd'\n", b"# coding: utf-8\nx = 1 # \xfe\nprint(x)\n", b"\xef\xbb\xbfx = 'a\xe9'\n",
            b"x = 1 # \xff\n", b"x\xff = 1\n", b"x = b'\xff'\n"]:
    try:
        exec(compile(src, "s", "exec"), {})
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno)
