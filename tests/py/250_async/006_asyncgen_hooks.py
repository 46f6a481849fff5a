# sys.set_asyncgen_hooks/get_asyncgen_hooks: stored per VM, firstiter called at the first __anext__
import sys
print(sys.get_asyncgen_hooks())
seen = []
def first(g):
    seen.append(g.__name__)
sys.set_asyncgen_hooks(firstiter=first)
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer, h[0] is first, len(h))
try:
    sys.set_asyncgen_hooks(finalizer=1)
except TypeError as e:
    print("TypeError:", e)
async def ag():
    yield 1
g = ag()
a = g.__anext__()
try:
    a.send(None)
except StopIteration as e:
    print("value", e.value)
print(seen)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
b = g.aclose()
try:
    b.send(None)
except StopIteration:
    print("closed")
