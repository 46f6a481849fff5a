# reprs of classes, builtin types, methods and functions that do not contain addresses
class Outer:
    class Inner:
        pass
    def m(self):
        pass
print(Outer, Outer.Inner, int, type, object, str.upper.__qualname__, Outer.m.__qualname__)
print(type(len).__name__, type(Outer.m).__name__, type([].append).__name__)
print(Outer.__name__, Outer.Inner.__qualname__, Outer.__module__, Outer.__doc__)
print(str(Outer), f"{Outer.Inner}", [Outer])
