# Singleton constructors take no arguments; bool(NotImplemented) warns; type() checks name and __doc__
import warnings

for tp in (type(None), type(NotImplemented), type(...)):
    for args, kw in (((1,), {}), ((), {"a": 1})):
        try:
            tp(*args, **kw)
        except TypeError as e:
            print("TypeError:", e)
    print(tp() is {type(None): None, type(NotImplemented): NotImplemented, type(...): ...}[tp])

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(bool(NotImplemented), not NotImplemented)
    print([(x.category.__name__, str(x.message)) for x in w])

for name, ns in (("a\0b", {}), ("A\udc80", {}), ("A", {"__doc__": "x\udbff"})):
    try:
        type(name, (), ns)
    except (ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__ + ":", e)
print(type("B", (), {"__doc__": "fine"}).__doc__)
