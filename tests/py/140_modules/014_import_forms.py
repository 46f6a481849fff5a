# import forms for the available modules: import as, from-import, from-import as, importing twice, missing module
import math as m
from math import sqrt, pi as PI
from sys import maxsize
import sys, time
import math
print(m is math, sqrt(9), PI == math.pi, maxsize > 0, type(time).__name__, math.__name__, m.__name__)
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from math import no_such_name
except ImportError as e:
    print(type(e).__name__, e.name, str(e).startswith("cannot import name 'no_such_name' from 'math'"))
def local_import():
    import math
    return math.floor(2.5)
print(local_import(), "math" in sys.modules)
