# array: typecodes, conversions and range errors, sequence methods, slicing, comparisons, repr, pickling support
import array

print(array.typecodes, array.ArrayType is array.array)
for code in array.typecodes:
    a = array.array(code)
    print(code, a.itemsize, a.typecode, repr(a), len(a))
a = array.array('i', [1, 2, 3])
print(a, a[0], a[-1], a[1:], a[::-1], a[::2], len(a), 2 in a, 7 in a, list(a), a.tolist())
a.append(4)
a.extend([5, 6])
a.extend(array.array('i', [7]))
a.insert(0, 0)
a.insert(-1, 99)
a.insert(100, 100)
print(a, a.pop(), a.pop(0), a.index(99), a.count(2), a.index(3, 1, 5))
a.remove(99)
a.reverse()
print(a)
a[0] = -5
a[1:3] = array.array('i', [10, 20, 30])
del a[-1]
del a[::3]
print(a, a + array.array('i', [1]), a * 2, 2 * array.array('b', [1, -1]), array.array('d', [1.5]) * 0)
b = array.array('i', a)
b += array.array('i', [8])
b *= 2
print(b, a == array.array('i', a.tolist()), a != b, array.array('i', [1, 2]) < array.array('i', [1, 3]),
      array.array('i', [1, 2]) < array.array('i', [1, 2, 0]), array.array('b', [1]) == array.array('d', [1.0]))
f = array.array('f', [0.1, 2.5])
d = array.array('d', [0.1, -1e300])
print(f, d, f[0], d[1], f.tobytes(), array.array('d', d.tobytes()))
u = array.array('u', 'h\xe9\u20ac')
u.fromunicode('!')
print(u, u.tounicode(), u[1], u.itemsize)
h = array.array('H', [1, 258])
h.byteswap()
print(h, h.tobytes(), array.array('B', b'\x01\x02\xff'), array.array('h', b'\x01\x00\xff\xff'))
x = array.array('q', [-2**63, 2**63 - 1])
y = array.array('Q', [0, 2**64 - 1])
z = array.array('L', [2**64 - 1])
print(x, y, z, array.array('I', [2**32 - 1]), array.array('l', [-2**63]))
fl = array.array('i')
fl.fromlist([4, 5])
fl.frombytes(array.array('i', [6]).tobytes())
print(fl, fl.__copy__(), fl.__deepcopy__({}))
for call in [lambda: array.array('x'), lambda: array.array('i', [1.5]), lambda: array.array('b', [200]),
             lambda: array.array('b', [-129]), lambda: array.array('B', [-1]), lambda: array.array('B', [256]),
             lambda: array.array('h', [2**15]), lambda: array.array('H', [70000]), lambda: array.array('H', [-1]),
             lambda: array.array('i', [2**31]), lambda: array.array('I', [-1]), lambda: array.array('I', [2**32]),
             lambda: array.array('i', 'ab'), lambda: a.index(999), lambda: a.pop(100), lambda: array.array('i') .pop(),
             lambda: array.array('i', [1]) + array.array('d', [1]), lambda: a.remove(777), lambda: array.array('u', [1]),
             lambda: array.array('i').frombytes(b'abc'), lambda: array.array(), lambda: array.array('d', ['x']),
             lambda: a[100], lambda: a.__setitem__(100, 1), lambda: array.array('i', [1]).fromlist([1, 'x']),
             lambda: array.array('i').tounicode(), lambda: a + [1], lambda: a * 'x',
             lambda: array.array('i', [1]).extend(array.array('b', [1])), lambda: a.__setitem__(slice(0, 2), [1])]:
    try:
        print(repr(call()))
    except (ValueError, TypeError, OverflowError, IndexError) as e:
        print(type(e).__name__, e)
t = array.array('i', [1])
try:
    t.fromlist([2, 'x'])
except TypeError:
    print('fromlist kept', t)
r = array.array('i', [1, 2]).__reduce_ex__(3)
print(r[0].__name__, r[1], r[2])
print(array.array('H', [1, 2]).__reduce_ex__(2))
print(array._array_reconstructor(array.array, 'i', 9, b'\x00\x00\x00\x05'), array._array_reconstructor(array.array, 'd', 16, array.array('d', [2.5]).tobytes()),
      array._array_reconstructor(array.array, 'h', 5, b'\xff\xfe'))
class MyArray(array.array):
    pass
m = MyArray('b', [1, 2])
print(m, type(m[:1]).__name__, isinstance(m, array.array))
for call in [lambda: array._array_reconstructor(1, 'i', 8, b''), lambda: array._array_reconstructor(int, 'i', 8, b''),
             lambda: array._array_reconstructor(array.array, 'x', 8, b''), lambda: array._array_reconstructor(array.array, 'i', 99, b''),
             lambda: array._array_reconstructor(array.array, 'i', 8, 'x')]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
it = iter(array.array('b', [1, 2]))
print(next(it), next(it), next(it, 'done'))
