# cleanup: metaclass __prepare__ returning non-dicts and raising; __build_class__ misuse
class M1(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return 5
class M2(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        raise KeyError
class Ns(dict):
    def __setitem__(self, k, v):
        raise IndexError(k)
class M3(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        return Ns()
for m in (M1, M2, M3, 5, None, type(None)):
    try:
        class X(metaclass=m):
            a = 1
    except (TypeError, KeyError, IndexError, AttributeError):
        pass
for args in ((), (1,), (lambda: None,), (lambda: None, 5), (lambda: None, "n", 5), (print, "n")):
    try:
        __build_class__(*args)
    except (TypeError, ValueError):
        pass
