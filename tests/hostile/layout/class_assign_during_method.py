# layout: __class__ changed while a method of the old class runs on the instance
class A(list):
    def go(self):
        self.__class__ = B
        return self.f()
    def f(self):
        return "A"
class B(list):
    def f(self):
        self.append(1)
        return "B"
a = A([1, 2])
print(a.go(), a, type(a).__name__)
class C(dict):
    def __getitem__(self, k):
        self.__class__ = D
        return dict.__getitem__(self, k)
class D(dict):
    pass
c = C(x=1)
print(c["x"], type(c).__name__)
