# __name__/__qualname__/__module__/__doc__ assignment on classes and immutable built-in types
class Meta(type):
    pass


class C:
    "doc"


Meta.__module__ = "abc"
print(Meta.__module__, repr(Meta))
for attr in ["__name__", "__qualname__", "__module__", "__doc__"]:
    for value in ["x", 5]:
        for target in (int, C):
            try:
                setattr(target, attr, value)
                print(attr, repr(value), getattr(target, attr))
            except Exception as e:
                print(attr, repr(value), type(e).__name__, e)
    for target in (int, C):
        try:
            delattr(target, attr)
            print("deleted", attr)
        except Exception as e:
            print("del", attr, type(e).__name__, e)
try:
    C.__name__ = "a\0b"
except ValueError as e:
    print(type(e).__name__, e)
C.__name__ = "Renamed"
C.__qualname__ = "Outer.Renamed"
print(C.__name__, C.__qualname__, repr(C), C().__class__.__name__)
try:
    C().missing
except AttributeError as e:
    print(e)
