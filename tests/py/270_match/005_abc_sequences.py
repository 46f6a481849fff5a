# match statements: which subjects are sequences and mappings (built-ins, ABC registration, inheritance)
import collections


class Plain:
    def __len__(self):
        return 1

    def __getitem__(self, i):
        if i >= 1:
            raise IndexError(i)
        return "item"


def kind(v):
    match v:
        case [*items]:
            return f"sequence of {len(items)}"
        case {**items}:
            return f"mapping of {len(items)}"
        case _:
            return "neither"


print(kind(collections.deque([1, 2])), kind(collections.UserList([1])))
print(kind(collections.UserDict(a=1)), kind(collections.OrderedDict(a=1, b=2)), kind(collections.ChainMap({"x": 1})))
print(kind(Plain()), kind("str"), kind(b"bytes"), kind(bytearray(b"ba")), kind({1, 2}), kind(iter([1])))
print(kind(range(4)), kind(memoryview(b"abc")), kind({}.keys()), kind(type(kind.__globals__)))


class Registered(Plain):
    pass


import collections.abc


collections.abc.Sequence.register(Registered)
print("registered:", kind(Registered()))


class SubOfRegistered(Registered):
    pass


print("subclass of registered:", kind(SubOfRegistered()))


class MyMapping(collections.abc.Mapping):
    def __getitem__(self, k):
        if k == "a":
            return 1
        raise KeyError(k)

    def __iter__(self):
        return iter(["a"])

    def __len__(self):
        return 1


print("Mapping subclass:", kind(MyMapping()))
match MyMapping():
    case {"a": a, "b": b}:
        print("no")
    case {"a": a}:
        print("get through Mapping.get:", a)


class StrSeq(str):
    pass


collections.abc.Sequence.register(StrSeq)
print("str subclass registered:", kind(StrSeq("x")))
