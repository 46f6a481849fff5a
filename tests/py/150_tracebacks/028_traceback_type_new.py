# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) builds a traceback entry that the printers show
import sys
import traceback
import types


def f():
    return sys._getframe()


frame = f()
tb = types.TracebackType(None, frame, 0, f.__code__.co_firstlineno)
print(tb.tb_next, tb.tb_lasti, tb.tb_lineno - f.__code__.co_firstlineno, tb.tb_frame is frame)
exc = KeyboardInterrupt()
exc.__traceback__ = tb
text = "".join(traceback.format_exception(exc))
print("\n".join(line.rstrip() for line in text.replace(__file__, "FILE").split("\n")))
sys.stderr.write("--- sys.excepthook\n")
sys.excepthook(KeyboardInterrupt, exc, tb)
outer = types.TracebackType(tb, sys._getframe(), 0, 3)
print(outer.tb_next is tb, outer.tb_lineno)
for args in [(1, frame, 0, 1), (None, 1, 0, 1), (None, frame, "x", 1)]:
    try:
        types.TracebackType(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    types.TracebackType(None, frame, 0)
except TypeError as e:
    print("TypeError:", e)
