# _functools.partial: calls, flattening, attributes, repr, __reduce__/__setstate__, subclasses
from _functools import partial

def f(*args, **kw):
    return args, kw

p = partial(f, 1, 2, a=3)
print(p(), p(4, b=5), p(a=9), p.func is f, p.args, p.keywords)
q = partial(p, 6, c=7)
print(q.func is f, q.args, q.keywords, q(8))
print(repr(partial(len)), repr(partial(max, 1, key=abs)), repr(partial(partial(max, 1), 2)))
print(partial(pow, 2)(10), partial(int, base=2)('101'), partial(sorted, key=len)(['aaa', 'b', 'cc']))
for bad in [lambda: partial(), lambda: partial(1), lambda: p.__setstate__(1), lambda: p.__setstate__((1,)),
            lambda: p.__setstate__((f, [], None, None)), lambda: p.__setstate__((f, (), 1, None))]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
cls, args, state = p.__reduce__()
print(cls is partial, args[0] is f, state[1:], )
r = partial(f)
r.__setstate__((f, (1,), {'k': 2}, {'attr': 3}))
print(r(), r.attr, r.__dict__)
r.__setstate__((f, (), None, None))
print(r.keywords, r())
p.note = 'x'
print(p.__dict__, partial(p).args)  # a partial with attributes is not flattened
class P(partial):
    def extra(self):
        return 'extra'
sp = P(f, 1)
print(repr(sp).split(' at ')[0].split('(')[0], sp(2), sp.extra(), partial(sp, 3).args, type(P(sp, 2)).__name__)
print(P(sp, 2).args)
print(partial.__name__, partial.__module__, partial[int])
try:
    p.func = len
except AttributeError:
    print('func is read-only')
# keyword override and positional binding
def g(a, b, c=0):
    return a, b, c
print(partial(g, c=5)(1, 2), partial(g, 1)(2, c=3), partial(g, b=2)(1))
try:
    partial(g, 1, 2, 3)(4)
except TypeError as e:
    print('TypeError', e)
rp = partial(f)
rp.__setstate__((f, (rp,), {}, None))
print(repr(rp).count('...'))
