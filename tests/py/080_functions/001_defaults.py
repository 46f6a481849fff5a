# default argument values: evaluated once, mutable default pitfall, None idiom
def f(a, b=2, c=3):
    return a, b, c
print(f(1), f(1, 5), f(1, c=9), f(a=0, c=1, b=2))
def app(x, acc=[]):
    acc.append(x)
    return acc
print(app(1), app(2), app(3, []))
def safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe(1), safe(2))
n = 10
def g(v=n):
    return v
n = 20
print(g(), f.__defaults__, g.__defaults__)
