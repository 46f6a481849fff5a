# args: every list method (and dunder) with hostile arguments

class BadIndex:
    def __index__(self):
        return "nope"
class HugeIndex:
    def __index__(self):
        return 2**100
class NegIndex:
    def __index__(self):
        return -2**63
class RaiseIndex:
    def __index__(self):
        raise ZeroDivisionError
class BadLen:
    def __len__(self):
        return -1
class HugeLen:
    def __len__(self):
        return 2**70
class StrLen:
    def __len__(self):
        return "3"
class BadIter:
    def __iter__(self):
        return 5
class RaiseIter:
    def __iter__(self):
        raise KeyError
class EndlessIter:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration("x")
class BadHash:
    def __hash__(self):
        return "h"
class HugeHash:
    def __hash__(self):
        return 2**200
class BadEq:
    def __eq__(self, o):
        raise RuntimeError
    __hash__ = object.__hash__
class BadStr:
    def __str__(self):
        return 5
    def __repr__(self):
        return None
class BadBool:
    def __bool__(self):
        return 2
class BadFloat:
    def __float__(self):
        return "f"
class BadInt:
    def __int__(self):
        return 1.5
class SubStr(str):
    def __hash__(self):
        raise ValueError
    def __eq__(self, o):
        raise ValueError
class SubInt(int):
    def __index__(self):
        return -1
VALUES = [None, True, 0, -1, 2**63, -2**63 - 1, 10**30, 1.5, float("nan"), float("inf"), -0.0, complex(1, 1), "", "abc", "\x00",
          "\udcff", b"", b"\xff", bytearray(b"ab"), (), (1,), [], [1], {}, {1: 2}, set(), frozenset([1]), range(3),
          slice(1, 2), object(), type, int, print, NotImplemented, Ellipsis, memoryview(b"xy"),
          BadIndex(), HugeIndex(), NegIndex(), RaiseIndex(), BadLen(), HugeLen(), StrLen(), BadIter(), RaiseIter(),
          EndlessIter(), BadHash(), HugeHash(), BadEq(), BadStr(), BadBool(), BadFloat(), BadInt(), SubStr("s"), SubInt(3)]
def attempt(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception:
        pass
MAKE = lambda: [3, 1, 2, None, 'x']
SKIP = ()

obj = MAKE()
names = sorted(n for n in dir(obj) if n not in SKIP and n not in ("__class__", "__init_subclass__", "__subclasshook__", "__new__", "__init__", "__reduce__", "__reduce_ex__", "__getstate__"))
for n in names:
    for a in VALUES:
        attempt(lambda: getattr(MAKE(), n)())
        attempt(lambda: getattr(MAKE(), n)(a))
        for b in VALUES[::4]:
            attempt(lambda: getattr(MAKE(), n)(a, b))
        attempt(lambda: getattr(MAKE(), n)(a, a, a))
        attempt(lambda: getattr(type(obj), n)(a, a))
