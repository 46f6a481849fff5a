# _operator.attrgetter, itemgetter, methodcaller: calls, dotted names, reprs, __reduce__, errors
import _operator as o

class Obj:
    pass
a = Obj(); a.x = 1; a.b = Obj(); a.b.c = 'deep'; a.name = 'A'
print(o.attrgetter('x')(a), o.attrgetter('b.c')(a), o.attrgetter('x', 'b.c', 'name')(a))
print(o.itemgetter(1)('abc'), o.itemgetter(0, 2)('abc'), o.itemgetter('k')({'k': 5}), o.itemgetter(slice(1, None))([1, 2, 3]))
print(o.methodcaller('upper')('abc'), o.methodcaller('split', ',')('a,b'), o.methodcaller('split', sep='-', maxsplit=1)('a-b-c'))
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')], key=o.itemgetter(0)), max(['aa', 'b'], key=o.methodcaller('__len__')))
print(repr(o.attrgetter('a', 'b.c')), repr(o.itemgetter(1)), repr(o.itemgetter(1, 'a')), repr(o.methodcaller('f', 1, k=2)))
print(o.attrgetter('a.b').__reduce__()[1], o.itemgetter(1, 2).__reduce__()[1], o.methodcaller('f', 1).__reduce__()[1])
print(o.attrgetter('x').__reduce__()[0] is o.attrgetter, type(o.itemgetter(1)).__name__, o.methodcaller.__module__)
g = o.attrgetter('x')
cls, args = g.__reduce__()
print(cls(*args)(a))
for expr in ["o.attrgetter()", "o.attrgetter(1)", "o.itemgetter()", "o.methodcaller()", "o.methodcaller(1)",
             "o.attrgetter('zz')(a)", "o.attrgetter('b.zz')(a)", "o.itemgetter(5)([1])", "o.attrgetter('a')()",
             "o.itemgetter(1)(1, 2)", "o.methodcaller('f')(1, 2)", "o.methodcaller('nope')(1)", "o.itemgetter(1)(x=1)",
             "o.attrgetter('x', 1)"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)
try:
    class Sub(o.itemgetter):
        pass
except TypeError:
    print('itemgetter is not subclassable')
