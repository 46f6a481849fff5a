# layout: __init_subclass__ / __set_name__ that change __class__ or raise mid-creation
class Meta(type): pass
class Base:
    def __init_subclass__(cls, **kw):
        try:
            cls.__class__ = Meta
        except TypeError:
            pass
        super().__init_subclass__()
class Child(Base):
    pass
class Name:
    def __set_name__(self, owner, name):
        try:
            owner.__class__ = Meta
        except TypeError:
            pass
        raise ValueError(name)
try:
    class Holder:
        a = Name()
except (ValueError, RuntimeError):
    pass
print(type(Child).__name__)
