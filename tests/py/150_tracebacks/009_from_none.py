# raise ... from None suppresses the context in the traceback
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError(f"no key {k}") from None

lookup({"a": 1}, "b")
