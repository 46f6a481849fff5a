# a finder added to sys.meta_path is asked in its turn; sys.path edits take effect at once
import sys

class Loader:
    def __init__(self, source):
        self.source = source
    def create_module(self, spec):
        return None  # the default module
    def exec_module(self, module):
        exec(self.source, module.__dict__)

class Spec:
    def __init__(self, name, loader):
        self.name = name
        self.loader = loader
        self.origin = "virtual:" + name
        self.submodule_search_locations = None
        self.loader_state = None
        self.cached = None
        self.parent = name.rpartition(".")[0]
        self.has_location = False

class Finder:
    def __init__(self):
        self.asked = []
    def find_spec(self, name, path=None, target=None):
        self.asked.append(name)
        if name == "virtual_mod":
            return Spec(name, Loader("X = 'from the finder'\nNAME = __name__\n"))
        return None

finder = Finder()
sys.meta_path.insert(0, finder)
import virtual_mod
print(virtual_mod.X, virtual_mod.NAME, virtual_mod.__spec__.origin, "virtual_mod" in finder.asked)
import sys as again  # cached modules never reach the finders
print("sys" in finder.asked)
try:
    import still_missing
except ModuleNotFoundError as e:
    print(e, "still_missing" in finder.asked)
sys.meta_path.remove(finder)

# sys.path edits: a folder added later is searched at the next import
sys.path.append("005_meta_pkgs")
import late_mod
print(late_mod.WHERE)
sys.path.remove("005_meta_pkgs")
del sys.modules["late_mod"]
try:
    import late_mod
except ModuleNotFoundError as e:
    print(e)
print(type(sys.path_hooks).__name__, type(sys.path_importer_cache).__name__, len(sys.meta_path) >= 2)
