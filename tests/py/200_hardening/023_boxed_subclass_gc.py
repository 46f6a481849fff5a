# instances of int/float/str/tuple subclasses with a __dict__ survive collection (no built-in finalizer runs on the box)
class I(int): pass
class F(float): pass
class S(str): pass
class T(tuple): pass
class B(bytes): pass
class FS(frozenset): pass

total = 0
for i in range(30000):
    objs = [I(i), F(i), S("s%d" % i), T((i,)), B(b"b"), FS((i,))]
    for o in objs:
        o.tag = i
    total += objs[0] + objs[0].tag
keep = [I(10 ** 30 + k) for k in range(5)]
for k in keep:
    k.note = str(k)[:3]
junk = [[j] * 4 for j in range(100000)]
print(total, [int(k) % 1000 for k in keep], {k.note for k in keep}, len(junk))
