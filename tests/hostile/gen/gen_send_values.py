# gen: sending odd values (huge ints, self, exceptions, generators) into a running generator
def acc():
    total = []
    while True:
        v = yield len(total)
        total.append(v)
        if isinstance(v, type(acc())):
            try:
                next(v)
            except (ValueError, StopIteration):
                pass
gen = acc()
next(gen)
for v in (1, 2**200, gen, ValueError, None, acc(), [gen], gen.send):
    try:
        gen.send(v)
    except (ValueError, StopIteration):
        pass
print(gen.send(0))
