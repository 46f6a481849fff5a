# class definition, __init__, instance and class attributes, methods, bound methods
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
q = p.moved(1)
print(p.x, p.y, p.norm2(), q.x, q.y, Point.dims, p.dims, type(p).__name__, type(p) is Point)
p.dims = 3
print(p.dims, Point.dims, q.dims, sorted(vars(p)), p.__dict__)
m = p.norm2
print(m(), Point.norm2(q), m.__self__ is p, m.__func__ is Point.norm2, Point.__name__, Point.__qualname__)
print(isinstance(p, Point), isinstance(p, object), Point.__module__)
