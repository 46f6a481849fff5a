# Type hints evaluate: list[int] (types.GenericAlias) and int | None (types.UnionType), in annotations and at run time
def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

class Foo:
    pass

def f(x: list[int], y: dict[str, "Foo"] | None = None, *rest: tuple[int, ...], **kw: set[Foo]) -> frozenset[bytes]:
    return x
print(f.__annotations__)
print(f([1]))

class Annotated:
    a: list[int]
    b: int | str = 5
    c: "dict[str, list[Foo]]"
print(Annotated.__annotations__, Annotated.b)

print(repr(list[int]), repr(dict[str, list[int]]), repr(tuple[()]), repr(tuple[int, ...]))
print(list[int].__origin__, list[int].__args__, list[int].__parameters__, dict[str, int].__args__)
print(repr(list[Foo]), repr(list["Foo"]), repr(list[None]), repr(list[1]), repr(list[int, str]), repr(type[int]))
print(repr(int | None), repr(None | int), repr(int | str | int), (int | str).__args__, repr(list[int] | None))
print(repr((int | str) | list[int]), repr(int | (str | None)), repr(int | int), repr(Foo | None))
print(list[int] == list[int], list[int] == list, list[int] != list[str], hash(list[int]) == hash(list[int]))
print(int | str == str | int, hash(int | str) == hash(str | int), (int | str) == (int | bytes))
print(list[int]([1, 2]), dict[str, int](a=1), tuple[int, ...]((1, 2)), set[int]())
print(type(list[int]).__name__, type(int | str).__name__, type(list[int]).__module__)
print(list[int].append, list[int].__name__, list[int].__qualname__)
print(isinstance(1, int | str), issubclass(bool, int | str), isinstance(None, int | None), isinstance("x", int | bytes))
attempt("isinstance alias", lambda: isinstance([], list[int]))
attempt("issubclass alias", lambda: issubclass(list, list[int]))
attempt("isinstance union with alias", lambda: isinstance("s", int | list[int]))
attempt("isinstance union short-circuit", lambda: isinstance(1, int | list[int]))
attempt("int | 5", lambda: int | 5)
attempt("'x' | None", lambda: "x" | None)
attempt("alias of alias", lambda: list[int][str])
attempt("union subscript", lambda: (int | str)[int])
attempt("str[int]", lambda: str[int])
attempt("class_getitem kw", lambda: list.__class_getitem__(int, x=1))

class Sub(list[int]):
    pass
print(Sub.__bases__, Sub.__orig_bases__, Sub([3]), isinstance(Sub(), list))
print(enumerate[int], frozenset[str], set[int | None])
