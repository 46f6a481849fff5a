# match statements: runtime errors of class and mapping patterns
class C:
    pass


class D:
    __match_args__ = ["a"]


class E:
    __match_args__ = (1,)


class F:
    __match_args__ = ("a",)
    a = 1


class G:
    @property
    def boom(self):
        raise KeyError("from property")


class Key:
    name = "a"


not_a_class = 5
tests = [
    (C(), "case C(1): pass"),
    (C(), "case C(1, 2): pass"),
    (D(), "case D(1): pass"),
    (E(), "case E(1): pass"),
    (F(), "case F(1, a=2): pass"),
    (1, "case not_a_class(): pass"),
    (1, "case int(1, 2): pass"),
    (G(), "case G(boom=1): pass"),
    (G(), "case G(missing=1): print('no')\n case _: print('missing attribute: no match')"),
    ({"a": 1, "b": 2}, "case {Key.name: 1, 'a': 2}: pass"),
    ({"a": 1}, "case {Key.name: 1, 'b': 2}: pass"),
    ({"a": 1}, "case {Key.name: 1, 'a': 2} | {}: print('no')"),
    (5, "case Key.missing: pass"),
]
for subject, case in tests:
    src = "match subject:\n " + case
    try:
        exec(src)
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("ran:", repr(case))


class Broken(dict):
    def get(self, key, default=None):
        raise RuntimeError("get failed for " + repr(key))


try:
    match Broken(a=1):
        case {"a": _}:
            pass
except RuntimeError as e:
    print("RuntimeError:", e)
