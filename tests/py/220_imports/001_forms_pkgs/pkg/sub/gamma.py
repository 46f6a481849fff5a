from .. import beta
from ..beta import NAME
VALUE = "gamma+" + NAME
