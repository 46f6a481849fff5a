# a frame object keeps its f_back chain valid after the functions returned and their frames could be reused
import sys

def inner():
    x = 42
    return sys._getframe()

def outer():
    y = "outer-local"
    f = inner()
    return f

def churn(n):
    # calls enough functions to reuse any recycled frames
    if n:
        a = [n] * 3
        return churn(n - 1) + len(a)
    return 0

def describe(f):
    out = []
    while f is not None:
        name = f.f_code.co_name
        if name == "<module>":
            out.append((name, "module"))
        else:
            local_vars = [(k, v if isinstance(v, (int, str)) else type(v).__name__) for k, v in sorted(f.f_locals.items())]
            out.append((name, f.f_lineno, local_vars))
        f = f.f_back
    return out

f = outer()
churn(60)
for entry in describe(f):
    print(entry)
print(f.f_back.f_back.f_back)

def mid(k):
    z = k * 7
    return inner()

def top():
    w = "top"
    return [mid(k) for k in range(2)]

frames = top()
churn(100)
for fr in frames:
    print([e[0] for e in describe(fr)], fr.f_back.f_locals)

# a frame object taken from f_back while the caller still runs
def caller_of_back():
    marker = "caller"
    return peek()

def peek():
    return sys._getframe().f_back

b = caller_of_back()
churn(30)
print(b.f_code.co_name, b.f_locals, b.f_back.f_code.co_name)

# sys._getframe(depth)
def depth2():
    return sys._getframe(2)

def depth1():
    v = 1
    return depth2()

def depth0():
    u = 0
    return depth1()

g = depth0()
churn(30)
print(g.f_code.co_name, g.f_locals, g.f_back.f_code.co_name)

# traceback frames: tb_frame.f_back after the stack unwound
def bad(n):
    local_bad = n
    return 1 / n

def caller():
    local_caller = "c"
    return bad(0)

try:
    caller()
except ZeroDivisionError as e:
    tb = e.__traceback__
churn(40)
while tb.tb_next is not None:
    tb = tb.tb_next
for entry in describe(tb.tb_frame):
    print(entry)

# generator frames have no f_back while suspended or finished
def gen():
    me = sys._getframe()
    yield me.f_back.f_code.co_name
    yield me

def drive():
    it = gen()
    return next(it), next(it), it

name, gf, it = drive()
churn(20)
print(name, gf.f_back)
list(it)
print(gf.f_back)

# many captured frames in a loop stay distinct
def leaf(i):
    return sys._getframe()

def branch(i):
    tag = i
    return leaf(i)

kept = [branch(i) for i in range(50)]
churn(50)
print(sorted(set(fr.f_back.f_locals["tag"] for fr in kept)) == list(range(50)))
print(all(fr.f_back.f_code.co_name == "branch" for fr in kept))
