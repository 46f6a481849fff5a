# _collections: _count_elements (Counter's helper) and _tuplegetter (namedtuple's field descriptor)
import _collections as c

d = {}
c._count_elements(d, 'abracadabra')
print(sorted(d.items()))
c._count_elements(d, [])
class M(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        super().__setitem__(k, v)
m = M()
c._count_elements(m, 'aab')
print(m)
try:
    c._count_elements(1, 'ab')
except AttributeError as e:
    print('AttributeError', e)
try:
    c._count_elements({}, 5)
except TypeError as e:
    print('TypeError', e)

class Point(tuple):
    __slots__ = ()
    x = c._tuplegetter(0, 'Alias for field number 0')
    y = c._tuplegetter(1, 'Alias for field number 1')
p = Point((3, 4))
print(p.x, p.y, Point.x.__doc__, type(Point.__dict__['x']).__name__)
try:
    p.x = 5
except AttributeError as e:
    print('AttributeError', e)
try:
    del p.y
except AttributeError as e:
    print('AttributeError', e)
g = c._tuplegetter(5, 'd')
try:
    g.__get__((1,), tuple)
except IndexError as e:
    print('IndexError', e)
try:
    g.__get__([], list)
except TypeError as e:
    print('TypeError', e)
print(g.__get__(None, tuple) is g, g.__reduce__()[1])
g.__doc__ = 'changed'
print(g.__doc__)
try:
    c._tuplegetter(0)
except TypeError as e:
    print('TypeError', e)
print(sorted(n for n in dir(c) if not n.startswith('__') and n != 'OrderedDict'))
