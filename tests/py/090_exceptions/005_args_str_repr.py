# exception args, str() and repr() with zero, one and several args
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(""), KeyError("k"), KeyError(), KeyError(1, 2),
          IndexError(5), TypeError(None), OSError(2, "No such file"), StopIteration(7), SystemExit(1), AttributeError("x")]:
    print(type(e).__name__, e.args, repr(str(e)), repr(e))
e = ValueError("x")
e.args = ("changed", 1)
print(e, repr(e))
print(StopIteration(7).value, SystemExit(3).code, SystemExit().code, OSError(2, "msg").errno, OSError(2, "msg").strerror)
