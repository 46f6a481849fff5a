# _collections.deque: errors with CPython's types and messages
from _collections import deque

d = deque([1, 2, 3])
def show(expr):
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

for expr in [
    "deque(1)", "deque([], 1, 2)", "deque([], -1)", "deque([], 'a')", "deque(x=1)", "deque().pop()",
    "deque().popleft()", "d[5]", "d[-4]", "d['a']", "d[1:2]", "d.remove(7)", "d.index(7)", "d.index(1, 'a')",
    "d.index(3, 0, 2)", "deque([1], 1).insert(0, 2)", "d + [1]", "d * 'a'", "d.rotate('a')", "d.count()",
    "d.insert(1)", "d.append()", "d.extend(1)", "d.__setitem__(7, 1)", "d.__delitem__(-9)",
    "d.maxlen", "deque([], 2**70)", "deque(maxlen=None).maxlen",
]:
    show(expr)
# (messages naming the type itself say 'collections.deque' in CPython: not compared here)
for expr in ("hash(d)", "d < [1]"):
    try:
        eval(expr)
    except TypeError:
        print(expr, 'TypeError')
try:
    d.maxlen = 3
except AttributeError:
    print('maxlen is read-only')
