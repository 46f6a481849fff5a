# import forms: dotted, as, from, from-star (with and without __all__), relative, namespace packages, caching
import sys
sys.path.insert(0, "001_forms_pkgs")

import pkg.alpha
print(pkg.alpha.GAMMA_VALUE, pkg.TOP)
import pkg.sub.gamma as g
print(g.VALUE, g is pkg.sub.gamma, sys.modules["pkg.sub.gamma"] is g)
from pkg import beta, alpha
print(beta.NAME, alpha is pkg.alpha)
from pkg.sub import gamma
print(gamma is g)
import plain as p, plain
print(p is plain, p.func(), p.visible)
from plain import *
print(visible, func(), "_hidden" in dir())
from starpkg import *
print(public, helper, lazy.LAZY, "not_listed" in dir(), "_private" in dir())
import nspkg.portion.mod
print(nspkg.portion.mod.WHERE, nspkg.__file__, nspkg.__spec__.origin, list(nspkg.__path__)[0].endswith("nspkg"))
print(type(nspkg.__spec__.loader).__name__ if nspkg.__spec__.loader is not None else None)
# the attributes a module gets from the import system
for m in (pkg, pkg.alpha, pkg.sub, plain):
    spec = m.__spec__
    print(m.__name__, m.__package__, spec.name, spec.parent, hasattr(m, "__path__"),
          m.__file__.split("001_forms_pkgs/")[1], spec.origin == m.__file__, spec.has_location,
          m.__loader__ is spec.loader, m.__cached__.split("/")[-2])
print(pkg.__path__ == pkg.__spec__.submodule_search_locations, pkg.__path__[0].endswith("001_forms_pkgs/pkg"))
# sys.modules caching: a second import runs nothing
n = len(sys.modules)
import pkg, pkg.alpha, plain
print(len(sys.modules) == n)
# a replaced sys.modules entry is what import returns
sys.modules["plain"] = "replacement"
import plain
print(plain)
# __import__ directly
print(__import__("pkg.sub.gamma").__name__, __import__("pkg.sub.gamma", fromlist=["x"]).__name__)
print(__import__("sub.gamma", {"__name__": "pkg.alpha", "__package__": "pkg"}, None, ["VALUE"], 1).__name__)
print(__import__("sub", {"__name__": "pkg.alpha", "__package__": "pkg"}, None, [], 1).__name__)
print(__name__, __spec__)
