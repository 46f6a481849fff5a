# funcattr: code.replace with counts that disagree with the bytecode
def f(a, b):
    x = a + b
    return x
co = f.__code__
if hasattr(co, "replace"):
    for kw in ({"co_argcount": 0}, {"co_argcount": 10}, {"co_nlocals": 0}, {"co_stacksize": 0},
               {"co_consts": ()}, {"co_names": ()}, {"co_varnames": ()}, {"co_posonlyargcount": 5},
               {"co_kwonlyargcount": 5}, {"co_flags": 0xffff}):
        try:
            f.__code__ = co.replace(**kw)
            f(1, 2)
        except (ValueError, TypeError, SystemError, IndexError):
            pass
        f.__code__ = co
print(f(1, 2))
