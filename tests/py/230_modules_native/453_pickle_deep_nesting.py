# _pickle: 100000-deep nesting raises RecursionError when pickling (no crash); deep pickles load iteratively
import pickle

deep = []
cur = deep
for i in range(100000):
    nxt = []
    cur.append(nxt)
    cur = nxt
for proto in (0, 2, 5):
    try:
        pickle.dumps(deep, proto)
        print(proto, 'pickled')
    except RecursionError as e:
        print(proto, 'RecursionError', e)

d = {}
cur = d
for i in range(100000):
    cur['k'] = {}
    cur = cur['k']
try:
    pickle.dumps(d)
except RecursionError as e:
    print('RecursionError', e)

t = ()
for i in range(100000):
    t = (t,)
try:
    pickle.dumps(t, 4)
except RecursionError as e:
    print('RecursionError', e)

# a 100000-deep list written by hand loads without recursion
data = b'\x80\x04' + b']' * 100000 + b'a' * 99999 + b'.'
obj = pickle.loads(data)
n = 0
while obj:
    obj = obj[0]
    n += 1
print('loaded depth', n)

# moderate nesting round-trips
x = []
cur = x
for i in range(200):
    cur.append(i)
    cur.append([])
    cur = cur[-1]
print(pickle.loads(pickle.dumps(x, 2)) == x)
