# Read-only members (slice/range/property/function attributes) are member_descriptors; exec(code, closure=cells)
import types, inspect
print(types.MemberDescriptorType, types.GetSetDescriptorType)
class X:
    __slots__ = ('a',)
print(inspect.ismemberdescriptor(X.a), inspect.isgetsetdescriptor(X.a))
for o, names in ((slice(1, 2), ('start', 'stop', 'step')), (range(3), ('start', 'stop', 'step')), (property(), ('fget', 'fset', 'fdel'))):
    print(type(o).__name__, [getattr(o, n) for n in names], [type(type(o).__dict__[n]).__name__ for n in names])
    for n in names:
        try:
            setattr(o, n, 1)
        except AttributeError as e:
            print(" ", n, "AttributeError:", e)
        try:
            delattr(o, n)
        except AttributeError as e:
            print(" ", n, "del AttributeError:", e)
def f():
    x = 1
    def g(): return x
    return g
g = f()
print(g.__closure__ is not None, f.__closure__, g.__globals__ is globals(), type(g.__builtins__).__name__)
try:
    g.__globals__ = {}
except AttributeError as e:
    print("AttributeError:", e)
class P(property):
    pass
p = P(lambda s: 1)
try:
    p.fget = None
except AttributeError as e:
    print("AttributeError:", e)
print(p.fget is not None, repr(type(types.FunctionType.__dict__['__globals__'])))
print(repr(slice.__dict__['start']), slice.start.__objclass__)

def three_freevars_maker():
    a, b, c = 2, 3, 5
    res = []
    def three():
        res.append(a * b)
    def four():
        res.append(a * b * c)
    return three, four, res
three, four, res = three_freevars_maker()
exec(three.__code__, three.__globals__, closure=three.__closure__)
print(res)
import types as T
exec(four.__code__, four.__globals__, closure=(T.CellType(7), T.CellType(11), T.CellType(13), four.__closure__[3]))
print(res)
for bad in (None, (), (1, 2, 3, 4), [T.CellType(1)] * 4, (T.CellType(1),) * 3):
    try:
        exec(four.__code__, {}, closure=bad)
    except TypeError as e:
        print("TypeError:", e)
def nofree(): return 5
for src, cl in ((nofree.__code__, three.__closure__), ("x = 1", three.__closure__), ("x = 1", None)):
    try:
        exec(src, {}, closure=cl)
        print("ok")
    except TypeError as e:
        print("TypeError:", e)
try:
    eval(three.__code__, three.__globals__)
except TypeError as e:
    print("TypeError:", e)
