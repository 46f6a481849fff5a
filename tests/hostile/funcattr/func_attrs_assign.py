# funcattr: assigning odd values to __name__, __qualname__, __dict__, __annotations__, __module__
def f():
    pass
for attr, vals in (("__name__", (1, None, "")), ("__qualname__", (1, None, "")), ("__dict__", (1, None, {}, {1: 2})),
                   ("__annotations__", (1, None, {})), ("__module__", (1, None)), ("__doc__", (1, None)),
                   ("__closure__", ((), None)), ("__globals__", ({},)), ("__code__", (None, 1))):
    for v in vals:
        try:
            setattr(f, attr, v)
        except (TypeError, AttributeError, ValueError):
            pass
    try:
        delattr(f, attr)
    except (TypeError, AttributeError):
        pass
repr(f)
f()
