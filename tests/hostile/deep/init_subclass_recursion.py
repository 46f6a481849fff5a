# deep: class creation recursing through __init_subclass__ and metaclass __call__

class Meta(type):
    def __call__(cls, *a):
        return cls()
try:
    class X(metaclass=Meta):
        pass
    X()
except RecursionError:
    pass
class Base:
    def __init_subclass__(cls):
        class Inner(cls):
            pass
try:
    class Child(Base):
        pass
except RecursionError:
    pass
