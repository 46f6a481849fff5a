# simple metaclasses: __new__ adding attributes, __call__ for singletons, __prepare__-free registries
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["created_by"] = mcls.__name__
        ns["upper_names"] = sorted(k.upper() for k in ns if not k.startswith("__"))
        return super().__new__(mcls, name, bases, ns)
class A(metaclass=Meta):
    def foo(self): pass
    bar = 1
print(A.created_by, A.upper_names, type(A).__name__, isinstance(A, Meta))
class B(A):
    baz = 2
print(B.upper_names, type(B).__name__)
class Singleton(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in Singleton._inst:
            Singleton._inst[cls] = super().__call__(*a)
        return Singleton._inst[cls]
class Config(metaclass=Singleton):
    def __init__(self, v):
        self.v = v
c1, c2 = Config(1), Config(2)
print(c1 is c2, c2.v)
class Counted(type):
    count = 0
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Counted.count += 1
class X(metaclass=Counted): pass
class Y(X): pass
print(Counted.count, type(Y).__name__)
class M2(type):
    def __repr__(cls):
        return f"<class {cls.__name__} via M2>"
    def __len__(cls):
        return 99
class Z(metaclass=M2): pass
print(repr(Z), len(Z), Z.__class__.__name__)
