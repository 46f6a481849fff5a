# __exit__ receives the exception instance and its type for subclasses; exception attributes intact
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print(t.__name__, type(v).__name__, v.args, isinstance(v, t), v.__traceback__ is tb)
        return True
class MyErr(LookupError):
    pass
with Inspect():
    raise MyErr("a", 1)
with Inspect():
    [][1]
with Inspect():
    int("x")
