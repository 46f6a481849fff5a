# Module-level __getattr__ and __dir__ (PEP 562): attribute access, from-import, hasattr/getattr defaults, dir(), errors
import sys
sys.path.insert(0, "009_module_getattr_pkgs")
import lazy, plain

print(lazy.lazy_a, lazy.LOADED)
print(lazy.lazy_a, lazy.LOADED)          # cached in the module dict now
from lazy import lazy_b
print(lazy_b, lazy.LOADED)
print(hasattr(lazy, "missing"), getattr(lazy, "missing", "default"))
try:
    lazy.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    lazy.boom
except KeyError as e:
    print("KeyError:", e)
try:
    from lazy import nothing_here
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0], e.name)
print(dir(lazy))
print(lazy.__getattribute__("lazy_c"), type(lazy).__getattribute__(lazy, "lazy_d"))
print(sorted(n for n in dir(plain) if not n.startswith("__")))
try:
    plain.missing
except AttributeError as e:
    print("AttributeError:", e)

# A hook added after import, and one removed again.
def hook(name):
    return "hooked " + name
plain.__getattr__ = hook
print(plain.anything)
del plain.__getattr__
print(hasattr(plain, "anything"))

# Module subclasses keep the hook.
import types
class M(types.ModuleType):
    pass
m = M("sub")
m.__getattr__ = lambda name: name * 2
print(m.ab, isinstance(m, types.ModuleType))

# The standard library relies on it: unittest's lazy IsolatedAsyncioTestCase.
import unittest
print(unittest.IsolatedAsyncioTestCase.__name__)
