# slot wrappers of built-in objects (x.__eq__, d.__setitem__, p.__get__) check their argument count as CPython's wrap_* functions do
class A:
    pass

def gen():
    yield 1

cases = [
    "(1).__eq__()", "(1).__eq__(1, 2)", "[].__len__(1)", "{}.__setitem__(1)", "{}.__setitem__(1, 2, 3)",
    "{}.__delitem__()", "property().__get__()", "property().__get__(1, 2, 3)", "property().__set__(1)",
    "property().__delete__()", "(1).__getattribute__()", "(1).__setattr__(1)", "A().__delattr__()",
    "(1).__add__()", "[].__iadd__()", "(1).__hash__(1)", "(1).__repr__(2)", "[].__iter__(1)",
    "iter([]).__next__(1)", "[1].__contains__()", "(1).__index__(1)", "(1).__bool__(1)", "(1).__pow__()",
    "(1).__pow__(1, 2, 3)", "(1).__rpow__(1, 2, 3)", "(1).__lt__()", "memoryview(b'ab').__getitem__()",
    "[].__imul__()", "(1).__neg__(1)", "(1).__str__(1)", "(1).__divmod__()", "(1).__rdivmod__()",
    "type.__dict__['__name__'].__get__()", "A.__dict__.__eq__()", "A.__dict__.__contains__()",
    "gen().__next__(1)", "int.__eq__(1)", "int.__eq__(1, 2, 3)", "int.__setattr__(1)", "(1.5).__eq__()",
    "'s'.__add__()", "b'b'.__mul__()", "(1,).__getitem__()", "frozenset().__or__()", "range(3).__len__(0)",
    "slice(1).__eq__()", "object().__eq__()", "ValueError(1).__str__(1)", "{1: 2}.keys().__len__(1)",
    "len.__call__()", "(1).__init__(1)",
]
for text in cases:
    try:
        r = eval(text)
        print(text, "->", r)
    except TypeError as e:
        print(text, "TypeError:", repr(str(e)))

# calls that were fine stay fine
print((1).__eq__(1), [1].__contains__(1), {}.__setitem__(1, 2), (2).__pow__(3), (2).__pow__(3, 5))
print(int.__add__(1, 2), list.__len__([1, 2]), type(A.__dict__).__contains__(A.__dict__, "__module__"))
