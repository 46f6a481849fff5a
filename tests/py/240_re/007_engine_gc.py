# _sre objects across collections: sub callbacks, finditer and scanners that collect while the engine holds their subject
import _sre, gc
p_words = _sre.compile('\\w+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,))
def cb(m):
    gc.collect()
    junk = [str(i) * 3 for i in range(200)]
    return m.group().upper()
s = ("héllo wörld ☃ " * 50)
r = p_words.sub(cb, s)
print(len(r), r[:40])
it = p_words.finditer("".join(["ab é "] * 100))
n = 0
for m in it:
    gc.collect()
    n += len(m.group())
print(n)
sc = p_words.scanner("abc déf ghi")
gc.collect()
print(sc.search(), sc.search().group())
ms = [p_words.search("x" * i + " ü" + str(i)) for i in range(100)]
gc.collect()
print(sum(len(m.group()) for m in ms))
