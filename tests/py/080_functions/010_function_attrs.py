# function attributes: __name__, __qualname__, __doc__, __defaults__, custom attrs, __module__
def f(a, b=1):
    "Doc of f."
    return a
class K:
    def m(self):
        pass
    class Inner:
        def n(self):
            pass
def outer():
    def inner():
        pass
    return inner
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__module__)
print(K.m.__qualname__, K.Inner.n.__qualname__, outer().__qualname__, (lambda: 0).__qualname__)
f.custom = 42
print(f.custom, callable(f), type(f).__name__, type(K().m).__name__)
