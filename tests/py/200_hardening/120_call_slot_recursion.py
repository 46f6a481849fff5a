# A __call__ that is an instance of its own class (CPython's SF bug 532646) raises RecursionError, never hangs or overflows
class A:
    pass
A.__call__ = A()
a = A()
try:
    a()
except RecursionError as e:
    print("RecursionError:", e)
try:
    a(1, 2, k=3)
except RecursionError as e:
    print("RecursionError:", e)
class B:
    pass
b = B()
B.__call__ = b
try:
    b()
except RecursionError as e:
    print("RecursionError:", e)
print("still running:", callable(a), sum(range(10)))
