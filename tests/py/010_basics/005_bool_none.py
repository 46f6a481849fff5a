# booleans, None, truthiness and boolean operators
print(True, False, None)
print(True + True, True * 10, False - 1)
print(not True, not 0, not "", not [], not None, not "x")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "d", "" and "x")
print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool([0]), bool(None), bool(0.0), bool(-0.0))
print(True == 1, False == 0, True is True, None is None, type(True).__name__)
print(isinstance(True, int), True + 0.5)
print(repr(None), str(True))
