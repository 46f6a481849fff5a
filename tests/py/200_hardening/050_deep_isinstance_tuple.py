# isinstance/issubclass over a tuple of classes nested 300,000 deep: RecursionError, not a C stack overflow
def nest(leaf, depth):
    t = leaf
    for _ in range(depth):
        t = (t,)
    return t

deep_str = nest(str, 3 * 10**5)
deep_int = nest(int, 10**5)
for label, call in [
    ("isinstance miss", lambda: isinstance(1, deep_str)),
    ("isinstance hit", lambda: isinstance(1, deep_int)),
    ("isinstance in a flat tuple", lambda: isinstance(1, (str, bytes, deep_int))),
    ("issubclass miss", lambda: issubclass(int, deep_str)),
    ("issubclass hit", lambda: issubclass(bool, deep_int)),
    ("except clause", None),
]:
    try:
        if call is None:
            try:
                raise KeyError(1)
            except (ValueError, deep_str):
                print("matched?")
        else:
            print(label, call())
    except (RecursionError, TypeError) as e:
        print(label, "->", type(e).__name__, e)

# the guard unwinds: shallow nesting still works afterwards, and repeatedly
for _ in range(3):
    print(isinstance(1, nest(int, 20)), issubclass(str, nest((bytes, int), 20)))
