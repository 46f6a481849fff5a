# descr: a descriptor __get__ that deletes itself from the class or replaces the class attribute
class Desc:
    def __get__(self, obj, cls):
        try:
            del A.d
        except AttributeError:
            pass
        A.d = 5
        return 1
    def __set__(self, obj, v):
        A.d = Desc()
class A:
    d = Desc()
a = A()
for i in range(10):
    try:
        a.d
        a.d = 3
        A.d = Desc()
    except AttributeError:
        pass
print(a.d)
