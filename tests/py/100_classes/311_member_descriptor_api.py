# __slots__ members (member_descriptor): __get__/__set__/__delete__ with type checks, repr, __name__/__qualname__/__objclass__
class X:
    __slots__ = ('a', 'b')
d = X.__dict__['a']
print(repr(d), d.__objclass__.__name__, d.__name__, d.__qualname__, d.__doc__)
print(sorted(set(dir(d)) - set(dir(object()))))
x = X()
d.__set__(x, 5); print(x.a, d.__get__(x), d.__get__(x, X), d.__get__(None, X) is d)
d.__delete__(x); print(hasattr(x, 'a'))
for f in (lambda: d.__get__(None), lambda: d.__get__(1), lambda: d.__set__(1, 2), lambda: d.__delete__("s"), lambda: d.__delete__(x)):
    try: f(); print("no error")
    except Exception as e: print(type(e).__name__, e)
class Y(X):
    pass
y = Y(); y.a = 3; print(X.a.__get__(y), Y.a is X.a)
import inspect
print(inspect.ismemberdescriptor(d), inspect.isdatadescriptor(d))
