# an exception from __set_name__ during a class statement becomes CPython 3.11's RuntimeError naming the attribute, with the original as __cause__
class Meta(type): pass
class Name:
    def __set_name__(self, owner, name):
        try:
            owner.__class__ = Meta
            print("assigned!")
        except TypeError as e:
            print("TE", e)
        raise ValueError(name)
try:
    class Holder:
        a = Name()
except ValueError as e:
    print("VE", e)
except RuntimeError as e:
    print("RE", e, repr(e.__cause__))
class N2:
    def __set_name__(self, owner, name):
        raise KeyError(name)
try:
    class H2:
        x = 1
        b = N2()
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__suppress_context__)
