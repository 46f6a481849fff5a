# class body scope: class variables not visible in methods, name mangling, class-level computations
x = "global"
class C:
    x = "class"
    y = x + "!"
    squares = [i * i for i in range(4)]
    def get_x(self):
        return x
    __private = "mangled"
    def get_private(self):
        return self.__private
print(C.y, C.squares, C().get_x(), C().get_private(), hasattr(C, "__private"), C._C__private)
class D:
    def __init__(self):
        self.__secret = 1
print(sorted(vars(D())))
class E:
    vals = [1, 2, 3]
    total = sum(vals)
    doubled = [v * 2 for v in vals]
print(E.total, E.doubled, E.__doc__, "vals" in E.__dict__)
