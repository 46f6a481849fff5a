# _operator: the function forms of the operators, with CPython's argument checks
import _operator as o

print(sorted(n for n in dir(o) if not n.startswith('__')))
print(o.add(1, 2), o.sub(5, 3), o.mul('ab', 2), o.truediv(7, 2), o.floordiv(7, 2), o.mod(7, 3), o.pow(2, 10))
print(o.lshift(1, 4), o.rshift(32, 2), o.and_(12, 10), o.or_(12, 10), o.xor(12, 10), o.neg(3), o.pos(-3))
print(o.inv(5), o.invert(5), o.abs(-4.5), o.index(True), o.not_([]), o.truth([0]), o.is_(None, None), o.is_not(1, None))
print(o.lt(1, 2), o.le(2, 2), o.eq('a', 'a'), o.ne(1, 1), o.gt(3, 2), o.ge(1, 2), o.eq([1], (1,)))
print(o.concat([1], [2]), o.concat('a', 'b'), o.contains('abc', 'b'), o.countOf([1, 2, 1, 1.0], 1), o.indexOf('abc', 'c'))
l = [1, 2, 3]
o.setitem(l, 0, 'x'); o.delitem(l, 1)
print(l, o.getitem(l, -1), o.getitem({'k': 'v'}, 'k'), o.getitem('abcdef', slice(1, 4)))
x = [1]
print(o.iadd(x, [2]) is x, x, o.iconcat(x, [3]), o.imul(x, 2), o.iadd(1, 2), o.isub(5, 1), o.ipow(3, 2))
print(o.ilshift(1, 3), o.irshift(8, 1), o.iand(6, 3), o.ior(6, 3), o.ixor(6, 3), o.imod(7, 4), o.ifloordiv(9, 2), o.itruediv(1, 4))
print(o.length_hint([1, 2]), o.length_hint(iter(range(5))), o.length_hint(5, 7), o.length_hint(iter([])))
print(o.call(max, 1, 5, key=lambda v: -v), o._compare_digest('abc', 'abc'), o._compare_digest(b'ab', bytearray(b'ac')))
print(o._compare_digest('a', 'ab'), o._compare_digest(b'', b''))
class M:
    def __matmul__(self, other):
        return 'matmul'
    def __imatmul__(self, other):
        return 'imatmul'
print(o.matmul(M(), 1), o.imatmul(M(), 1))
for expr in ["o.add(1)", "o.neg()", "o.neg(1, 2)", "o.add(1, 2, x=3)", "o.truth()", "o.index('a')", "o.concat(1, 2)",
             "o.iconcat(1, [])", "o.countOf(1, 1)", "o.indexOf([1], 2)", "o.length_hint(1, 'a')", "o.length_hint()",
             "o.is_(1)", "o.setitem([1], 0)", "o.contains(1, 1)", "o.matmul(1, 2)", "o._compare_digest('é', 'é')",
             "o._compare_digest(b'a', 'a')", "o._compare_digest(1, 1)", "o.add(1, 'a')", "o.getitem([], 3)",
             "o.delitem({}, 'k')", "o.call()", "o.length_hint(5, 2**70)", "o.pow(0, -1)"]:
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)
class Hint:
    def __length_hint__(self):
        return 'bad'
try:
    o.length_hint(Hint())
except TypeError as e:
    print('TypeError', e)
