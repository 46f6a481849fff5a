# types.GenericAlias as CPython 3.11: *tuple[...] unpacking, __parameters__ and [] substitution driven by __typing_subst__, reduce forms; special-method lookup of non-descriptors
def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)

# A minimal type variable: the alias machinery only asks for __typing_subst__.
class TV:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "~" + self.name
    def __typing_subst__(self, arg):
        return arg

T, K, V = TV("T"), TV("K"), TV("V")

GA = type(list[int])
star = (*tuple[int, str],)[0]
attempt("starred repr", lambda: star)
attempt("starred flags", lambda: (star.__unpacked__, tuple[int].__unpacked__))
attempt("unpacked args", lambda: (star.__typing_unpacked_tuple_args__, tuple[int].__typing_unpacked_tuple_args__, (*list[int],)[0].__typing_unpacked_tuple_args__))
attempt("list of alias", lambda: list(dict[str, int]))
attempt("in subscript", lambda: tuple[str, *tuple[int, ...]])
attempt("nested star", lambda: tuple[*tuple[*tuple[int, ...]]])
attempt("eq starred", lambda: (star == (*tuple[int, str],)[0], star == tuple[int, str], hash(star) == hash(tuple[int, str])))
it = iter(tuple[int])
attempt("iter next", lambda: next(it))
attempt("iter again", lambda: next(it))
attempt("iter reduce", lambda: iter(tuple[bytes]).__reduce__()[1])

attempt("params", lambda: (list[T].__parameters__, dict[K, V].__parameters__, dict[T, T].__parameters__, list[dict[K, list[V]]].__parameters__))
attempt("no params", lambda: (list[int].__parameters__, dict[str, list[int]].__parameters__))
attempt("subst", lambda: list[T][int])
attempt("subst 2", lambda: dict[K, V][str, bytes])
attempt("subst nested", lambda: list[dict[K, list[V]]][str, int])
attempt("subst keeps star", lambda: (*tuple[T, K],)[0][int, str])
attempt("subst splices star", lambda: dict[K, V][*tuple[int, str]])
attempt("too many", lambda: list[T][int, str])
attempt("too few", lambda: dict[K, V][int])
attempt("not generic", lambda: list[int][int])
attempt("not generic starred", lambda: star[int])

class MyList(list):
    pass
attempt("origin subclass", lambda: MyList[T][int].__origin__ is MyList)
attempt("repr function item", lambda: GA(len, (attempt, ...)))
attempt("reduce", lambda: list[T].__reduce__())
attempt("reduce starred", lambda: star.__reduce__()[0])
attempt("dir extras", lambda: sorted(set(dir(list[int])) - set(dir(list))))
attempt("new kwargs", lambda: GA(list, int, x=1))
attempt("new count", lambda: GA(list))

class Sub(GA):
    pass
attempt("subclass eq", lambda: (Sub(list, int) == list[int], type(Sub(list, T)[int]).__name__))

# union substitution
attempt("union params", lambda: (int | list[T]).__parameters__)
attempt("union subst", lambda: (int | list[T])[str])
attempt("union not generic", lambda: (int | str)[int])

# A __call__ (or any special method) stored on a class without being a descriptor is
# called as it is, without the instance.
class Meta(type):
    __call__ = dict
class D(metaclass=Meta):
    pass
attempt("meta call non-descriptor", lambda: D(a=1, b=2))
class WithLen:
    __len__ = staticmethod(lambda: 7)
attempt("len staticmethod", lambda: len(WithLen()))

# Introspection that typing and inspect rely on.
class Some:
    @classmethod
    def cl(cls):
        pass
attempt("bound method module", lambda: Some.cl.__module__)
attempt("builtin type dict has no __module__", lambda: ("__module__" in int.__dict__, int.__module__))
attempt("instance __module__", lambda: (1).__module__)
attempt("getset name", lambda: (int.real.__name__, int.real.__qualname__, int.real.__objclass__))
attempt("class __dict__ descriptor", lambda: Some.__dict__.get("__dict__").__name__ if Some.__dict__.get("__dict__") else None)
attempt("singletons reduce", lambda: (Ellipsis.__reduce__(), NotImplemented.__reduce__()))

# Descriptor introspection: __objclass__, bound-method repr fallbacks, **= messages,
# classmethod/staticmethod copying their function's attributes.
attempt("objclass", lambda: ([].__add__.__objclass__, list.__add__.__objclass__, list.append.__objclass__))
attempt("objclass bound builtin", lambda: [].append.__objclass__)
attempt("objclass function", lambda: len.__objclass__)
def ipow():
    x = None
    x **= 2
attempt("ipow message", ipow)
attempt("pow message", lambda: None ** 2)
class NoName:
    def __call__(self, a):
        pass
nn = NoName()
bm = type(Some().cl)(nn, 1)
attempt("bound repr no name", lambda: repr(bm))
nn.__name__ = "name"
attempt("bound repr name", lambda: repr(bm))
def documented(a: int):
    "My function docstring"
for wrapper in (classmethod, staticmethod):
    w = wrapper(documented)
    attempt(wrapper.__name__ + " attrs", lambda: (w.__doc__, w.__name__, w.__qualname__, w.__annotations__, sorted(w.__dict__)))
attempt("staticmethod(None) dict", lambda: staticmethod(None).__dict__)
attempt("classmethod no forwarding", lambda: hasattr(classmethod(documented), "__code__"))
