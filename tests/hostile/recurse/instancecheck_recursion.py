# recurse: __instancecheck__/__subclasscheck__ that call isinstance/issubclass on themselves
class Meta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls)
    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls)
class X(metaclass=Meta):
    pass
for f in (lambda: isinstance(1, X), lambda: issubclass(int, X), lambda: isinstance(1, (int, X)),
          lambda: isinstance(1, (X, int)), lambda: issubclass(bool, (X,))):
    try:
        f()
    except RecursionError:
        pass
class Meta2(type):
    def __instancecheck__(cls, obj):
        raise KeyError
    def __subclasscheck__(cls, sub):
        return "yes"
class Y(metaclass=Meta2):
    pass
try:
    isinstance(1, Y)
except KeyError:
    pass
print(issubclass(int, Y))
try:
    try:
        raise ValueError
    except Y:
        pass
except (KeyError, ValueError, TypeError):
    pass
