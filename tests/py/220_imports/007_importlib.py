# CPython's importlib on slpy's import system: import_module, reload, util.find_spec, spec_from_file_location, module_from_spec
import sys
import importlib, importlib.util, importlib.machinery
sys.path.insert(0, "007_importlib_pkgs")

m = importlib.import_module("ipkg.counter")
print(m.__name__, m.RUNS, importlib.import_module(".counter", "ipkg") is m)
m2 = importlib.reload(m)
print(m2 is m, m.RUNS)
spec = importlib.util.find_spec("ipkg.counter")
print(spec.name, spec.parent, spec.origin.endswith("ipkg/counter.py"), spec.submodule_search_locations)
print(importlib.util.find_spec("no_such_module_here"))
spec = importlib.util.spec_from_file_location("renamed", "007_importlib_pkgs/by_path.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
print(mod.hello(), "renamed" in sys.modules, mod.__spec__ is spec)
print(importlib.machinery.SOURCE_SUFFIXES, importlib.util.cache_from_source("/a/b.py").endswith("." + sys.implementation.cache_tag + ".pyc"))
try:
    importlib.import_module("ipkg.missing")
except ModuleNotFoundError as e:
    print(e, e.name)
