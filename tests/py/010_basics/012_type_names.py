# type() of basic values and their __name__
for v in [1, 1.5, "s", b"b", None, True, [], (), {}, set(), range(3), print, len]:
    print(type(v).__name__)
print(type(type), type(1))
print(type(int) is type, type(None).__name__)
