# frame.clear(): finished frames drop their locals, running ones refuse, generator frames close the generator; unittest's assertRaises relies on it
import sys, traceback
def f():
    x = [1, 2]
    raise ValueError("v")
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    inner = tb.tb_next.tb_frame
    print(sorted(inner.f_locals))
    try:
        tb.tb_frame.clear()
    except RuntimeError as r:
        print("RuntimeError:", r)
    print(inner.clear(), sorted(inner.f_locals))
    traceback.clear_frames(tb)
def g():
    try:
        yield 1
        yield 2
    finally:
        print("closed")
gen = g()
next(gen)
fr = gen.gi_frame
print(fr.clear(), gen.gi_frame, list(gen))
import unittest
class T(unittest.TestCase):
    def test_a(self):
        with self.assertRaises(ZeroDivisionError):
            1/0
    def test_b(self):
        self.assertRaises(TypeError, len, 5)
import io
r = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(T))
print(r.testsRun, len(r.errors), len(r.failures))
