# isinstance/issubclass with classes, tuples (nested), bool/int relationship, errors
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(1, (str, int)), isinstance(1, (str, (float, int))))
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int), issubclass(B, (int, A)), issubclass(A, A))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(type, type), isinstance(type, object), issubclass(type, object))
print(isinstance([], (list, tuple)), isinstance((), list), issubclass(int, object), isinstance(3, ()))
try:
    isinstance(1, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
