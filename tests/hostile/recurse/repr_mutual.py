# recurse: mutually recursive __repr__/__str__ between two objects and through containers
class A:
    def __repr__(self):
        return "A(%r)" % (b,)
class B:
    def __repr__(self):
        return "B(%s)" % [a]
    def __str__(self):
        return str({1: a})
a, b = A(), B()
for f in (repr, str, lambda x: "%r" % (x,), lambda x: f"{x!r}", lambda x: format(x), ascii):
    for x in (a, b, [a, b], (a,), {a: b} if False else {1: a}):
        try:
            f(x)
        except RecursionError:
            pass
