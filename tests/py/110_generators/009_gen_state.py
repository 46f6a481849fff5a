# generator states: gi_running, gi_frame presence via state, re-entrancy error, generator as iterator
def g():
    yield 1
it = g()
print(it.gi_running, iter(it) is it, hasattr(it, "__next__"), it.__name__, it.__qualname__)
def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6)))
print(list(t), sum(t), 5 in t)
