# evaluation order of function, positional, starred and keyword arguments
log = []
def t(x):
    log.append("<fn>" if callable(x) else x)
    return x
def f(*a, **k):
    return a, k
print(t(f)(t(1), *t([2, 3]), t(4), k=t(5), **t({"m": 6})))
print(log)
log.clear()
d = {t("k1"): t("v1"), t("k2"): t("v2")}
print(log)
log.clear()
x = [t(1), t(2)][t(0)]
print(x, log)
log.clear()
t(1) + t(2) * t(3)
print(log)
