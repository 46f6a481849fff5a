# ImportError / ModuleNotFoundError messages and attributes, as CPython's import system gives them
import sys
sys.path.insert(0, "002_errors_pkgs")

def show(code):
    try:
        exec(code, {"__name__": "__main__"})
    except ImportError as e:
        path = e.path.rsplit("/", 1)[-1] if isinstance(e.path, str) else e.path
        msg = str(e)
        if "(/" in msg:  # the absolute path of the helper folder varies
            msg = msg[:msg.index("(/") + 1] + msg[msg.index("002_errors_pkgs/"):]
        print(type(e).__name__ + ":", msg, "| name =", e.name, "| path =", path)
    except Exception as e:
        print(type(e).__name__ + ":", e)

show("import no_such_module")
show("import epkg.no_such_sub")
show("import notpkg.sub")
show("from epkg import missing_name")
show("from nsonly import missing_name")
show("from notpkg import missing_name")
show("from . import anything")
show("from .x import y")
show("import epkg.relbeyond")
show("import epkg.broken")
print("epkg.broken" in sys.modules, hasattr(sys.modules["epkg"], "broken"))
show("import badsyntax")
print("badsyntax" in sys.modules)
sys.modules["blocked"] = None
show("import blocked")
show("import blocked.sub")
show("__import__('')")
show("__import__('x', level=-1)")
show("__import__(5)")
show("__import__('x', {}, None, [], 1)")
show("__import__('x', {'__package__': 5}, None, [], 1)")
show("__import__('x', {'__name__': 'top'}, None, [], 1)")
show("__import__('epkg', fromlist=[5])")
show("from epkg import *")
print(issubclass(ModuleNotFoundError, ImportError))
e = ImportError("msg", name="n", path="p")
print(e.msg, e.name, e.path, e.args)
