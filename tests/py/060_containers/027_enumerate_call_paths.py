# enumerate(...) binds its arguments as CPython's vectorcall; enumerate.__new__ and subclasses use the argument clinic's messages
class E(enumerate): pass
for c in ["enumerate()", "enumerate.__new__(enumerate)", "E()", "enumerate([1], 2, 3)", "enumerate.__new__(enumerate, [1], 2, 3)",
          "enumerate(x=1)", "enumerate.__new__(enumerate, x=1)", "list(enumerate('ab', start=3))", "list(enumerate.__new__(enumerate, 'ab', 1))",
          "list(E('ab', 5))", "type(E('a')).__name__", "enumerate(iterable=[1], start=2, x=3)"]:
    try:
        print(c, "->", eval(c))
    except TypeError as e:
        print(c, "!!", e)
