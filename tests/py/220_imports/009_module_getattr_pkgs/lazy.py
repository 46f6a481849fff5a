# A module with PEP 562 hooks: __getattr__ for missing names, __dir__ for dir().
import sys
LOADED = []

def __getattr__(name):
    if name.startswith("lazy_"):
        LOADED.append(name)
        value = name.upper()
        globals()[name] = value      # cached: the hook is not asked again
        return value
    if name == "boom":
        raise KeyError("not an AttributeError")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

def __dir__():
    return sorted(["lazy_a", "lazy_b", "LOADED"])
