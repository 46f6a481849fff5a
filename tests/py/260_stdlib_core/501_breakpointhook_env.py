# breakpoint() goes through sys.breakpointhook, which reads $PYTHONBREAKPOINT at each call (module.attr, builtins name, 0, unimportable -> RuntimeWarning)
import sys, os
print(sys.breakpointhook is sys.__breakpointhook__)
os.environ['PYTHONBREAKPOINT'] = 'builtins.print'
breakpoint("via", "print", sep="-")
os.environ['PYTHONBREAKPOINT'] = '0'
print(breakpoint())
os.environ['PYTHONBREAKPOINT'] = 'nosuchmodule_x.f'
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(breakpoint(), [str(x.message) for x in w], w[0].category.__name__)
os.environ['PYTHONBREAKPOINT'] = 'len'
print(breakpoint([1, 2]))
sys.breakpointhook = lambda *a, **k: ("hook", a, k)
print(breakpoint(1, x=2))
del sys.breakpointhook
try: breakpoint()
except RuntimeError as e: print(e)
print(sys.call_tracing(max, (1, 5)), isinstance(sys._stdlib_dir, str))
for bad in ((max, 1), (max,)):
    try:
        sys.call_tracing(*bad)
    except TypeError as e:
        print(e)
