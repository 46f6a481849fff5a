# Deep recursion through special methods called by instructions and by builtins: each runs as a frame of the loop
import sys
sys.setrecursionlimit(40000)
N = 5000

class Node:
    def __init__(self, n):
        self.n = n
    def child(self):
        return Node(self.n - 1)
    # truth tests: if / while / not / and / or
    def __bool__(self):
        if self.n == 0:
            return True
        if self.n % 3 == 0:
            return bool(self.child())
        if self.n % 3 == 1:
            return not not self.child()
        return self.child() and True
    def __neg__(self):
        return 0 if self.n == 0 else -self.child() - 1
    def __pos__(self):
        return 0 if self.n == 0 else +self.child() + 1
    def __invert__(self):
        return 0 if self.n == 0 else ~self.child() + 1
    def __abs__(self):
        return 0 if self.n == 0 else abs(self.child()) + 1
    def __contains__(self, x):
        return x == self.n or x in self.child() if self.n > 0 else x == 0
    def __iter__(self):
        if self.n == 0:
            return iter([0])
        return iter(self.child())
    def __str__(self):
        return "s" if self.n == 0 else str(self.child())
    def __repr__(self):
        return "r" if self.n == 0 else repr(self.child())
    def __format__(self, spec):
        return "f" + spec if self.n == 0 else f"{self.child():{spec}}"
    def __hash__(self):
        return 7 if self.n == 0 else hash(self.child())
    def __delitem__(self, k):
        if self.n > 0:
            del self.child()[k]
        else:
            log.append(("delitem", k))

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        if self.n == 0:
            return 0
        if self.n % 2:
            return len(Sized(self.n - 1)) + 1
        return 1 + (1 if Sized(self.n - 1) else 0) * Sized.total(self.n - 1)
    @staticmethod
    def total(n):
        return n

class Strs:
    def __init__(self, n):
        self.n = n
    def __str__(self):
        return "S" if self.n == 0 else f"{Strs(self.n - 1)!s}"
    def __repr__(self):
        return "R" if self.n == 0 else f"{Strs(self.n - 1)!r}"

class Lazy:
    def __init__(self, n):
        self.n = n
    def __getattr__(self, name):
        return name if self.n == 0 else getattr_chain(Lazy(self.n - 1), name)

def getattr_chain(obj, name):
    return obj.missing_attribute if name == "missing_attribute" else obj.other

class Raw:
    def __init__(self, n):
        object.__setattr__(self, "n", n)
    def __getattribute__(self, name):
        n = object.__getattribute__(self, "n")
        if name == "n":
            return n
        return name if n == 0 else Raw(n - 1).value

class Store:
    def __init__(self, n):
        object.__setattr__(self, "n", n)
    def __setattr__(self, name, value):
        if self.n > 0:
            Store(self.n - 1).__dict__  # a plain attribute on the way
            s = Store(self.n - 1)
            s.x = value + 1
        else:
            log.append(("setattr", name, value))
    def __delattr__(self, name):
        if self.n > 0:
            del Store(self.n - 1).y
        else:
            log.append(("delattr", name))

class Prop:
    def __init__(self, n):
        self.n = n
    @property
    def p(self):
        return 0 if self.n == 0 else Prop(self.n - 1).p + 1
    @p.setter
    def p(self, v):
        if self.n > 0:
            Prop(self.n - 1).p = v + 1
        else:
            log.append(("setter", v))

class Desc:
    def __get__(self, obj, owner):
        return 0 if obj.n == 0 else UsesDesc(obj.n - 1).d + 1
    def __set__(self, obj, v):
        if obj.n > 0:
            UsesDesc(obj.n - 1).d = v + 1
        else:
            log.append(("__set__", v))

class UsesDesc:
    d = Desc()
    def __init__(self, n):
        self.__dict__["n"] = n

class It:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        return 0 if self.n == 0 else next(It(self.n - 1)) + 1

class NewChain:
    def __new__(cls, n):
        if n == 0:
            return super().__new__(cls)
        inner = NewChain(n - 1)
        inner.depth += 1
        return inner
    def __init__(self, n):
        if n == 0:
            self.depth = 0

class InitChain:
    def __init__(self, n):
        self.depth = 0 if n == 0 else InitChain(n - 1).depth + 1

log = []
n = Node(N)
print("bool", bool(n), "not", not n)
if n:
    print("if ok")
print("neg", -n, "pos", +n, "invert", ~n, "abs", abs(n))
print("in", 3 in n, -1 in n)
print("iter", list(n), [x for x in n])
print("str", str(n), "repr", repr(n), "fstr", f"{n}", f"{n!r}", "format", format(n, "<3"), f"{n:>2}")
print("hash", hash(n))
del n["key"]
print("len", len(Sized(N)), bool(Sized(N)))
print("fconv", f"{Strs(N)!s}", f"{Strs(N)!r}")
print("getattr", Lazy(N).missing_attribute, Lazy(N).other)
print("getattribute", Raw(N).value)
Store(N).x = 0
del Store(N).y
p = Prop(N)
print("property", p.p)
p.p = 0
print("descriptor", UsesDesc(N).d)
UsesDesc(N).d = 0
print("next", next(It(N)))
print("new/init", NewChain(N).depth, InitChain(N).depth)
print(log)
