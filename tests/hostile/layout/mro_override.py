# layout: metaclass mro() returning junk, duplicates and huge lists
class Meta(type):
    def mro(cls):
        return [cls, int, cls, object, list]
try:
    class X(metaclass=Meta):
        pass
    X()
    X.__mro__
except TypeError:
    pass
class Meta2(type):
    def mro(cls):
        return (1, 2, 3)
try:
    class Y(metaclass=Meta2):
        pass
except TypeError:
    pass
class Meta3(type):
    def mro(cls):
        return [cls] * 10000 + [object]
try:
    class Z(metaclass=Meta3):
        pass
    Z().foo = 1
except (TypeError, AttributeError):
    pass
