# deep: long chains of nested native calls through __getattr__ and getattr()

class A:
    def __getattr__(self, name):
        return getattr(self, name + "x") if len(name) < 100000 else 1
try:
    A().a
except RecursionError:
    pass
class B:
    def __getattribute__(self, name):
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return self.__dict__[name]
try:
    B().zz
except (RecursionError, KeyError):
    pass
