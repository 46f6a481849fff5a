# raise SystemExit(3, 4): code is the args tuple, printed to stderr, status 1
try:
    raise SystemExit(3, 4)
except SystemExit as e:
    print("code", e.code, "args", e.args)
raise SystemExit(3, 4)
