# Warnings raised by native code go through warnings' filters: int() delegating to __trunc__ (DeprecationWarning, the caller's line), as an error, and complex() of a mock
import warnings, math
class Y:
    def __trunc__(self):
        return 12
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(int(Y()), math.trunc(Y()))
    print(len(w), w[0].category.__name__, w[0].message, w[0].lineno, w[0].filename.endswith("561_native_warnings.py"))
with warnings.catch_warnings():
    warnings.simplefilter("error", DeprecationWarning)
    try:
        int(Y())
    except DeprecationWarning as e:
        print("raised", e)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(int(Y()))
from unittest.mock import MagicMock
print(complex(MagicMock()))
