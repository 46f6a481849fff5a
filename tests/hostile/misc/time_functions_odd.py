# misc: time functions with negative, nan, huge and wrong-type arguments
import time
for f in (lambda: time.sleep(-1), lambda: time.sleep(float("nan")), lambda: time.sleep(2**63), lambda: time.sleep("1"),
          lambda: time.sleep(None), lambda: time.sleep(1e-9), lambda: time.localtime(2**63), lambda: time.gmtime(-2**63),
          lambda: time.strftime("%Y" * 10000), lambda: time.strftime("%", (2000,) * 9), lambda: time.mktime((0,) * 9),
          lambda: time.ctime(1e300), lambda: time.strftime("%Y", (1,)), lambda: time.asctime((2**40,) * 9)):
    try:
        f()
    except (ValueError, TypeError, OverflowError, AttributeError, OSError):
        pass
print(time.time() > 0)
