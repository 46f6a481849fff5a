# a submodule importing its sibling through the package while the package initializes
from . import two
from cpkg import two as two_again
VALUE = "one+" + two.VALUE
