# imports that wait for each other across threads: a cycle gets the partial module or _DeadlockError, never a hang
import os
import shutil
import sys
import tempfile
import threading
import time

d = tempfile.mkdtemp()
sys.path.insert(0, d)
def write(name, text):
    path = os.path.join(d, *name.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

# test_threaded_import's cycle A -> C -> B -> D -> A, started from A and B at once.
write("A.py", "import time\ntime.sleep(0.1)\nx = 'a'\nimport C\n")
write("B.py", "import time\ntime.sleep(0.1)\nx = 'b'\nimport D\n")
write("C.py", "import B\n")
write("D.py", "import A\n")
results = []
def import_ab():
    import A
    results.append(getattr(A, 'x', None))
def import_ba():
    import B
    results.append(getattr(B, 'x', None))
t1 = threading.Thread(target=import_ab)
t2 = threading.Thread(target=import_ba)
t1.start()
t2.start()
t1.join()
t2.join()
print(sorted(results))

# Thread 1 imports a package whose loader is slow to create the module, so thread 1
# holds the package's lock before the package is in sys.modules. Thread 2 imports the
# submodule: it holds the submodule's lock and waits for the package's. The package's
# __init__ then imports the submodule: waiting would close the cycle, so thread 1 gets
# _DeadlockError, and thread 2 goes on to import the package itself.
import importlib.util
write("pkg_dl/__init__.py", "from . import sub\nINIT = 'done'\n")
write("pkg_dl/sub.py", "VALUE = 'sub'\n")
class SlowLoader:
    def create_module(self, spec):
        time.sleep(0.1)
        return None
    def exec_module(self, module):
        with open(module.__file__) as f:
            exec(f.read(), module.__dict__)
class SlowFinder:
    def find_spec(self, name, path=None, target=None):
        if name != "pkg_dl":
            return None
        return importlib.util.spec_from_file_location(
            name, os.path.join(d, "pkg_dl", "__init__.py"), loader=SlowLoader(),
            submodule_search_locations=[os.path.join(d, "pkg_dl")])
sys.meta_path.insert(0, SlowFinder())
out = []
def import_pkg():
    try:
        import pkg_dl
        out.append(("pkg", "ok"))
    except RuntimeError as e:
        out.append(("pkg", type(e).__name__, type(e).__module__, str(e).split(" at ")[0]))
def import_sub():
    time.sleep(0.02)
    try:
        import pkg_dl.sub
        out.append(("sub", "ok", pkg_dl.sub.VALUE, pkg_dl.INIT))
    except BaseException as e:
        out.append(("sub", type(e).__name__, str(e)))
a = threading.Thread(target=import_pkg)
b = threading.Thread(target=import_sub)
a.start()
b.start()
a.join()
b.join()
del sys.meta_path[0]
for line in sorted(out):
    print(line)
print("pkg_dl in sys.modules:", "pkg_dl" in sys.modules)

import importlib._bootstrap
print(importlib._bootstrap._DeadlockError.__name__, importlib._bootstrap._DeadlockError.__mro__[1].__name__)

sys.path.remove(d)
shutil.rmtree(d)
