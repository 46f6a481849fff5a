# coding: ascii
# a byte the declared codec cannot decode
x = "é"
