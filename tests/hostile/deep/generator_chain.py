# deep: 10**5 nested generators (yield from and plain loops)
# hostile: timeout=40

def g(it):
    yield from it
def h(it):
    for x in it:
        yield x
for wrap in (g, h):
    it = iter([1, 2])
    for i in range(10**5):
        it = wrap(it)
    try:
        print(list(it))
    except RecursionError:
        pass
