# f_lineno of a frame left by an exception is the line the exception came from (RERAISE restores lasti)
def lines_after_raise(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__.tb_next
    out = []
    while t:
        out.append(t.tb_frame.f_lineno - t.tb_frame.f_code.co_firstlineno)
        t = t.tb_next
    return out

def in_except():
    try:
        1/0
    except:
        1/0
        pass

def in_finally():
    try:
        1/0
    finally:
        pass

class Noop:
    def __enter__(self): return self
    def __exit__(self, *args): pass

def after_with():
    with Noop():
        1/0
        pass

def named_except():
    try:
        1/0
    except Exception as e:
        1/0
        pass

def nested():
    try:
        try:
            {}['x']
        finally:
            pass
    except KeyError:
        raise ValueError
    pass

for f in (in_except, in_finally, after_with, named_except, nested):
    print(f.__name__, lines_after_raise(f))
