# misc: str.translate/maketrans and bytes.translate with hostile tables (mutating, raising, wrong types)
class Table:
    def __getitem__(self, k):
        if k == ord("b"):
            raise LookupError
        if k == ord("c"):
            return "x" * 1000
        if k == ord("d"):
            return 2**40
        if k == ord("e"):
            table.clear()
            return None
        return k
table = {}
for t in (Table(), {97: "zz", 98: None}, {97: 5.5}, {97: -1}, {97: 0x110000}, [None] * 50, table, "abc", 5):
    try:
        "abcdeabcde".translate(t)
    except (TypeError, ValueError, LookupError):
        pass
for args in (({1: 2},), ({"ab": 1},), ("ab", "c"), ("ab", "cd", 5), ({},), (1,), ({2**40: 1},), ("a", "b", "c")):
    try:
        str.maketrans(*args)
    except (TypeError, ValueError):
        pass
for t in (bytes(256), b"x", None, bytearray(256), memoryview(bytes(256)), 5):
    try:
        b"hello".translate(t, b"l")
        bytearray(b"hello").translate(t)
    except (TypeError, ValueError):
        pass
