# native types of modules are named "module.Name" in messages, with bare __name__
import array
import _collections as collections
import _contextvars
import struct

for obj in [collections.deque(), array.array("i"), _contextvars.ContextVar("v"), collections.defaultdict()]:
    t = type(obj)
    print(t.__name__, t.__module__, t.__qualname__, repr(t))
    try:
        obj.no_such_attribute
    except AttributeError as e:
        print(e)
try:
    len(_contextvars.ContextVar("v"))
except TypeError as e:
    print(e)
try:
    collections.deque() + 1
except TypeError as e:
    print(e)
try:
    hash(collections.deque())
except TypeError as e:
    print(e)
try:
    struct.pack("i", "x")
except struct.error as e:
    print(type(e).__name__, type(e).__module__, e)


class Sub(collections.deque):
    pass


try:
    Sub().no_such_attribute
except AttributeError as e:
    print(e)
