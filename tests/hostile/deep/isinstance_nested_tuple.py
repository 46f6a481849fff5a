# deep: isinstance/issubclass with a 10**6-deep nested tuple of classes

t = int
for i in range(10**6):
    t = (t,)
for f in (lambda: isinstance(1, t), lambda: isinstance("s", t), lambda: issubclass(bool, t), lambda: issubclass(str, t)):
    try:
        f()
    except RecursionError:
        pass
