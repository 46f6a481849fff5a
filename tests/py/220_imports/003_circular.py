# circular imports: partially initialized modules, CPython's messages, submodules found through sys.modules
import sys
sys.path.insert(0, "003_circular_pkgs")
import circ_a
print(circ_a.fa(), sys.modules["circ_b"].fb())
import cpkg
print(cpkg.one.VALUE, cpkg.one.two_again is cpkg.two)
print(circ_a.__spec__._initializing if hasattr(circ_a.__spec__, "_initializing") else False)
