# layout: type() with odd names, bases and namespaces; __new__ of the wrong type
for args in (("X", (), {}), ("X\x00", (), {}), ("", (), {}), ("X", (int, str), {}),
             ("X", (list, dict), {}), ("X", (1,), {}), ("X", (), {1: 2}), ("X", (), {"__slots__": 1}),
             ("X", (type,), {}), ("X", (bool,), {}), ("X", (object, object), {}), ("é" * 100, (), {}),
             ("X", (), {"__qualname__": 1}), ("X", (), {"__init_subclass__": 1})):
    try:
        t = type(*args)
        t()
    except (TypeError, ValueError):
        pass
for cls, of in ((int, str), (list, dict), (object, int), (dict, list), (type, int), (tuple, list), (str, bytes)):
    try:
        cls.__new__(of)
    except TypeError:
        pass
try:
    object.__new__(list)
except TypeError:
    pass
