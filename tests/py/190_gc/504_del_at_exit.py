# at the end of the program the __del__ of objects the module still holds runs (after atexit), generators close
import atexit

class C:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

def gen():
    try:
        yield 1
    finally:
        print("generator finally at exit")

a = C(1)
it = gen()
next(it)
b = C(2)
b.self = b
atexit.register(lambda: print("atexit callback"))
print("end of main")
