# float constructor from numbers, bool of floats, negative zero formatting, float attrs
print(float(), float(0), bool(0.0), bool(-0.0), bool(1e-300), bool(float("nan")))
print(-0.0, abs(-0.0), str(-0.0), format(-0.0, "g"), "%.2f" % -0.0, f"{-0.0:+}")
print(float.__name__, isinstance(1.0, float), isinstance(1, float))
print(7.0 == 7, 7.0 != 7.5)
print(1.0 .__class__.__name__, (2.5).__add__(1), (2.5).__radd__(1), (2.5).__rsub__(1))
print((0.1).__repr__(), 1.0.__int__() if hasattr(1.0, "__int__") else None)
