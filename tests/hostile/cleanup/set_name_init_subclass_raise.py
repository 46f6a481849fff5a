# cleanup: exceptions raised from __set_name__, __init_subclass__, __class_getitem__, __mro_entries__
class Bad:
    def __set_name__(self, owner, name):
        raise ValueError(name)
try:
    class A:
        x = Bad()
except (ValueError, RuntimeError):
    pass
class Base:
    def __init_subclass__(cls, **kw):
        raise KeyError(cls.__name__)
try:
    class B(Base):
        pass
except KeyError:
    pass
class G:
    def __class_getitem__(cls, item):
        raise IndexError(item)
try:
    G[int]
except IndexError:
    pass
class Entries:
    def __mro_entries__(self, bases):
        return (5,)
try:
    class C(Entries()):
        pass
except TypeError:
    pass
class Entries2:
    def __mro_entries__(self, bases):
        raise ZeroDivisionError
try:
    class D(Entries2()):
        pass
except ZeroDivisionError:
    pass
