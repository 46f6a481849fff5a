# nonlocal and global declarations, shadowing, UnboundLocalError
g = 1
def set_global():
    global g, newg
    g = 2
    newg = "created"
set_global()
print(g, newg)
def outer():
    a = 1
    def middle():
        nonlocal a
        a += 1
        def inner():
            nonlocal a
            a *= 10
        inner()
    middle()
    return a
print(outer())
x = "global x"
def shadow():
    x = "local x"
    return x
print(shadow(), x)
def bad():
    print(x)
    x = 1
try:
    bad()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def read_global():
    return g + 1
print(read_global())
