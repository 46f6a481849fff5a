# bytearray mutation: extend/slice-assign error messages, conversions of assigned values, __alloc__
def op(label, fn):
    b = bytearray(b"abcdef")
    try:
        r = fn(b)
        print(label, "->", repr(r), repr(b))
    except Exception as e:
        print(label, "!!", type(e).__name__, e, repr(b))
def s(b, k, v):
    b[k] = v
op("extend str", lambda b: b.extend("xy"))
op("extend int", lambda b: b.extend(5))
op("extend bad", lambda b: b.extend([1, 300]))
op("extend gen", lambda b: b.extend(x for x in (7, 8)))
op("slice None", lambda b: s(b, slice(0, 2), None))
op("slice object", lambda b: s(b, slice(0, 2), object()))
op("slice int", lambda b: s(b, slice(0, 2), 5))
op("slice float", lambda b: s(b, slice(0, 2), 1.5))
op("slice str", lambda b: s(b, slice(0, 2), "ab"))
op("slice list", lambda b: s(b, slice(0, 2), [65, 66, 67]))
op("slice list bad", lambda b: s(b, slice(0, 2), [65, 666]))
op("slice list type", lambda b: s(b, slice(0, 2), ["a"]))
op("slice tuple", lambda b: s(b, slice(0, 2), (90,)))
op("slice range", lambda b: s(b, slice(None, None, 2), range(3)))
op("slice self", lambda b: s(b, slice(1, 3), b))
op("slice mv", lambda b: s(b, slice(0, 1), memoryview(b"XYZ")))
op("ext slice size", lambda b: s(b, slice(None, None, 2), b"XY"))
op("alloc", lambda b: b.__alloc__() > len(b))
op("index bool", lambda b: s(b, True, 90))
op("index str", lambda b: s(b, "a", 90))
op("value bytes", lambda b: s(b, 0, b"Z"))
op("value big", lambda b: s(b, 0, 256))
