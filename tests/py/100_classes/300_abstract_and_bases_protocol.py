# abc: abstract classes refuse instantiation (sorted method names), __abstractmethods__ rules, __isabstractmethod__ of property/classmethod/staticmethod; isinstance/issubclass through __bases__; property docs and errors; types.MethodType
import abc, types
from abc import ABC, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    @property
    @abstractmethod
    def name(self): ...

class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
    @property
    def name(self): return "square"

class Half(Shape):
    def area(self): return 0

for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print(e)
sq = Square(3)
print(sq.area(), sq.perimeter(), sq.name, sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
print(isinstance(sq, Shape), issubclass(Square, Shape), issubclass(Half, ABC))
print(property(Shape.area).__isabstractmethod__, classmethod(Shape.area).__isabstractmethod__,
      staticmethod(len).__isabstractmethod__, property(len).__isabstractmethod__)

class Plain:
    pass
try:
    Plain.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
Plain.__abstractmethods__ = frozenset({"z", "a"})
try:
    Plain()
except TypeError as e:
    print(e)
Plain.__abstractmethods__ = ()
print(type(Plain()).__name__)
del Plain.__abstractmethods__
try:
    del Plain.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
for target in (int, type):
    try:
        target.__abstractmethods__ = frozenset()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
print(getattr(int, "__abstractmethods__", "missing"))

# Classes that are not types take part through __bases__.
class Fake:
    def __init__(self, *bases): self.__bases__ = bases
base = Fake()
derived = Fake(base)
print(issubclass(derived, base), issubclass(base, derived), issubclass(derived, (int, base)))
class Inst:
    __class__ = derived
print(isinstance(Inst(), base), isinstance(Inst(), Fake()))
for args in ((1, base), (derived, 1)):
    try:
        issubclass(*args)
    except TypeError as e:
        print(e)
try:
    isinstance(1, Fake)
    isinstance(1, object())
except TypeError as e:
    print(e)
class Cycle:
    @property
    def __bases__(self): return (self, self)
try:
    issubclass(Cycle(), int)
except RecursionError as e:
    print("RecursionError")
class BadBases:
    @property
    def __bases__(self): raise KeyError("boom")
try:
    issubclass(BadBases(), base)
except KeyError as e:
    print("KeyError", e)
for m in (int.__instancecheck__, int.__subclasscheck__):
    try:
        m()
    except TypeError as e:
        print(e)

# property docs
p = property(doc="basic")
p.__doc__ = "changed"
print(p.__doc__)
class PropSub(property):
    "a subclass"
class Holder:
    @PropSub
    def spam(self):
        "spam doc"
        return 1
    @spam.getter
    def spam(self):
        "new doc"
        return 2
print(Holder.spam.__doc__, Holder().spam)
class WithDoc:
    @classmethod
    @property
    def __doc__(cls):
        return "doc of " + cls.__name__
print(WithDoc.__doc__)
class Slots(property):
    __slots__ = ()
try:
    class Bad:
        @Slots
        def x(self):
            "doc"
except AttributeError as e:
    print("AttributeError", e)
class Obj:
    value = property()
    class Inner:
        pass
    Inner.prop = property()
for action in (lambda: Obj().value, lambda: setattr(Obj(), "value", 1), lambda: Obj.Inner().prop):
    try:
        action()
    except AttributeError as e:
        print(e)
try:
    property().__set_name__(1)
except TypeError as e:
    print(e)

# types.MethodType
m = types.MethodType(len, "abcd")
print(m(), m.__self__, m.__func__ is len)
for args in ((len,), (None, 1), (len, None)):
    try:
        types.MethodType(*args)
    except TypeError as e:
        print(e)
