# generator throw() and close() called from Python code: results, exceptions, tracebacks and states as CPython
def entries(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def run(label, f):
    try:
        r = f()
    except BaseException as e:
        ctx = e.__context__
        print(label, "->", type(e).__name__, repr(e), entries(e)[1:], "context:", repr(ctx))
    else:
        print(label, "->", r)


def catcher():
    try:
        yield 1
    except KeyError as e:
        yield "caught %r" % (e,)
    yield 3


def plain():
    yield 1
    yield 2


def cleanup(log):
    try:
        yield 1
    finally:
        log.append("finally")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        pass
    yield 2


def returns_in_finally():
    try:
        yield 1
    finally:
        return "ret"


def raises_in_finally():
    try:
        yield 1
    finally:
        raise ValueError("in finally")


def inner():
    try:
        yield "inner"
    except KeyError:
        yield "inner caught"


def outer():
    r = yield from inner()
    yield r


def started(g):
    next(g)
    return g


run("throw caught", lambda: started(catcher()).throw(KeyError("k")))
run("throw class", lambda: started(catcher()).throw(KeyError))
run("throw type, value", lambda: started(catcher()).throw(KeyError, "v"))
run("throw type, tuple", lambda: started(catcher()).throw(KeyError, ("a", "b")))
run("throw uncaught", lambda: started(plain()).throw(ValueError("x")))
run("throw unstarted", lambda: plain().throw(ValueError("fresh")))
run("throw finished", lambda: (lambda g: (list(g), g.throw(IndexError("done")))[1])(plain()))
run("throw bad", lambda: started(plain()).throw(42))
run("throw then next", lambda: (lambda g: (g.throw(KeyError), next(g)))(started(catcher())))
run("throw ends generator", lambda: (lambda g: (g.throw(KeyError), next(g), next(g)))(started(catcher())))
run("throw yield from", lambda: started(outer()).throw(KeyError))
run("throw StopIteration", lambda: started(plain()).throw(StopIteration))
run("throw GeneratorExit", lambda: started(plain()).throw(GeneratorExit))
log = []
run("close cleanup", lambda: (started(cleanup(log)).close(), log))
run("close unstarted", lambda: (lambda g: (g.close(), g.gi_frame))(plain()))
run("close twice", lambda: (lambda g: (g.close(), g.close()))(started(plain())))
run("close stubborn", lambda: started(stubborn()).close())
run("close returns", lambda: started(returns_in_finally()).close())
run("close raises", lambda: started(raises_in_finally()).close())
run("close yield from", lambda: (lambda g: (g.close(), g.gi_frame))(started(outer())))
run("close finished", lambda: (lambda g: (list(g), g.close()))(plain()))


def reentrant():
    g = None

    def body():
        yield g.throw(KeyError)

    g = body()
    return next(g)


run("throw running", reentrant)


def closer():
    g = None

    def body():
        g.close()
        yield 1

    g = body()
    return next(g)


run("close running", closer)
g = started(catcher())
print(g.gi_running, g.gi_suspended, g.throw(KeyError), g.gi_suspended, g.gi_frame.f_lineno)


def main():
    g = started(plain())
    g.throw(TypeError("at the end"))


main()
