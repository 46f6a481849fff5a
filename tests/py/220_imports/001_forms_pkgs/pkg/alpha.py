# relative imports of a sibling, a subpackage and the parent package
from . import beta
from .sub import gamma
from .sub.gamma import VALUE as GAMMA_VALUE
from . import TOP
import pkg.sub as sub_abs
print("alpha:", __name__, __package__, beta.NAME, gamma.VALUE, GAMMA_VALUE, TOP, sub_abs.__name__)
