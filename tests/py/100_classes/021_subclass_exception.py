# subclassing exception types, custom __init__ without calling super, args behaviour
class E1(ValueError):
    pass
class E2(Exception):
    def __init__(self, a, b):
        self.a, self.b = a, b
class E3(KeyError):
    def __str__(self):
        return "custom E3"
for e in [E1("msg"), E2(1, 2), E3("k")]:
    try:
        raise e
    except Exception as caught:
        print(type(caught).__name__, repr(str(caught)), caught.args, isinstance(caught, ValueError), isinstance(caught, LookupError))
try:
    raise E1
except ValueError as e:
    print(repr(e))
class WithNew(Exception):
    def __new__(cls, *args):
        obj = super().__new__(cls, *args)
        obj.extra = "set in __new__"
        return obj
print(WithNew("x").extra, WithNew("x").args)
