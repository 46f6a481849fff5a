# A class's __dict__ is a read-only mappingproxy that shows later changes
def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r) if not isinstance(r, str) else r)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)
class T:
    x = 1
    def m(self): pass
d = T.__dict__
print(type(d).__name__, d["x"], "m" in d, "zz" in d, len(d) > 3, d.get("x"), d.get("nope", 0), isinstance(d, dict))
print(sorted(k for k in d if not k.startswith("__")), sorted(d.keys())[-2:], list(reversed(list(d)))[:1] == [list(d)[-1]])
attempt("setitem", lambda: d.__setitem__("y", 2))
def assign(): d["y"] = 2
attempt("assign", assign)
T.z = 5
print("z" in d, d["z"], d == dict(d), d != {}, type(d.copy()).__name__)
print(repr(type("E", (), {}).__dict__)[:25])
attempt("or", lambda: sorted((d | {"q": 1}).keys())[-3:])
attempt("ror", lambda: sorted(({"q": 1} | d).keys())[-3:])
attempt("ior", lambda: d.__ior__({}))
attempt("getitem missing", lambda: d["missing"])
attempt("new", lambda: type(d)({"a": 1}))
attempt("new list", lambda: type(d)([1]))
print(str(type(d)({"a": 1})), vars(T)["x"], type(vars(T)).__name__)
