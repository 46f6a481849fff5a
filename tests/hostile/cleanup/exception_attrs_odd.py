# cleanup: exceptions with odd __cause__/__context__/__traceback__/args, then raised and printed
e = ValueError("x")
for attr, val in (("__cause__", 1), ("__cause__", ValueError), ("__context__", "s"), ("__traceback__", 5),
                  ("args", None), ("args", 5), ("args", [1, 2]), ("__suppress_context__", 7), ("__notes__", 3)):
    try:
        setattr(e, attr, val)
    except TypeError:
        pass
try:
    raise e
except ValueError:
    pass
class E(Exception):
    def __str__(self):
        raise KeyError
    def __repr__(self):
        raise KeyError
try:
    raise E
except E as x:
    try:
        str(x)
    except KeyError:
        pass
raise E
