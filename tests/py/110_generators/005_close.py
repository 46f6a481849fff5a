# close(): GeneratorExit raised inside, finally runs, yielding in finally is an error
def g():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("got GeneratorExit")
        raise
    finally:
        print("finally")
it = g()
next(it)
it.close()
it.close()
print(next(it, "exhausted"))
def bad():
    try:
        yield 1
    finally:
        yield 2
b = bad()
next(b)
try:
    b.close()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    next(b)
except BaseException as e:
    print("resuming after the failed close finishes the finally and re-raises", type(e).__name__)
print(next(b, "bad is exhausted"))
def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"
r = returns_on_close()
next(r)
print(r.close())
u = g()
u.close()
print("closing unstarted prints nothing")
