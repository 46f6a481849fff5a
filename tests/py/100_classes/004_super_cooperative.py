# cooperative multiple inheritance with super() following the MRO (diamond)
class Base:
    def __init__(self):
        print("Base.__init__")
    def hello(self):
        return ["Base"]
class A(Base):
    def __init__(self):
        print("A.__init__")
        super().__init__()
    def hello(self):
        return ["A"] + super().hello()
class B(Base):
    def __init__(self):
        print("B.__init__")
        super().__init__()
    def hello(self):
        return ["B"] + super().hello()
class C(A, B):
    def __init__(self):
        print("C.__init__")
        super().__init__()
    def hello(self):
        return ["C"] + super().hello()
c = C()
print(c.hello())
print(super(A, c).hello(), super(C, c).hello())
class D(C):
    def hello(self):
        return super(C, self).hello()
print(D().hello())
