# IndexError and KeyError messages for lists, tuples, strings, ranges, dicts, and KeyError repr of keys
for fn in [lambda: [][0], lambda: [1][5], lambda: (1,)[-2], lambda: "ab"[9], lambda: range(3)[3], lambda: [1].pop(4),
           lambda: b"x"[3], lambda: bytearray(b"")[0], lambda: [1, 2][1:2][1], lambda: [].pop()]:
    try:
        fn()
    except IndexError as e:
        print(type(e).__name__, e)
for key in ["k", 1, (1, 2), None, 2.5, "", ("a",), frozenset()]:
    try:
        {}[key]
    except KeyError as e:
        print(type(e).__name__, e, e.args)
try:
    [1][1] = 2
except IndexError as e:
    print(type(e).__name__, e)
key_str, key_float = "x", 1.0
try:
    ["a"][key_str]
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1,)[key_float]
except TypeError as e:
    print(type(e).__name__, e)
