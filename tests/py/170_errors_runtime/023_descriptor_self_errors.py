# Built-in methods called on the wrong kind of object: slot wrappers and ordinary methods word it differently, as CPython
cases = ["int.__add__('a', 5)", "str.__len__()", "str.upper()", "str.upper(5)", "list.__getitem__(5, 0)", "dict.__contains__([], 1)",
         "int.__format__('x', '')", "str.__format__()", "float.__round__('x')", "int.bit_length('x')", "object.__repr__()",
         "list.__init__(5)", "str.__new__(int)", "int.__neg__(1.5)", "tuple.__hash__([])", "list.__iter__(())", "set.__len__()",
         "float.__eq__(1, 1.0)", "dict.__setitem__([], 1, 2)", "str.__mul__(b'x', 2)", "bytes.__add__()"]
for c in cases:
    try:
        print(c, "->", repr(eval(c)))
    except TypeError as e:
        print(c, "!!", e)
