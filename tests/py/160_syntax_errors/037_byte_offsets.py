# syntax error: in a script without a coding declaration CPython reports byte offsets
name = "café" "été" + f() = 2
