# slice.indices() and range slicing at full precision, longrange_iterator, read-only attributes
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

show("indices big len", lambda: slice(None, None, 2).indices(10**30))
show("indices big bounds", lambda: slice(-10**40, 10**40, -10**35).indices(10**30))
show("indices neg start", lambda: slice(-10**25, None).indices(10**24))
show("indices str start", lambda: slice("a").indices(10))
show("indices str len", lambda: slice(None).indices("x"))
show("indices neg len", lambda: slice(None).indices(-1))
show("indices step 0", lambda: slice(None, None, 0).indices(3))
show("indices normal", lambda: [slice(*a).indices(10) for a in [(None,), (None, None, -1), (-20, 20, 3), (20, -20, -3), (2, 8)]])

big = range(10**20)
show("range slice", lambda: big[::10**19])
show("range tail", lambda: big[-5:])
show("range rev slice", lambda: big[10**19:10**19 - 30:-7])
show("range slice step 0", lambda: big[::0])
show("range slice len", lambda: len(range(0, 10**30, 7)[10**20:10**25:3]))
show("small range slices", lambda: (range(10)[2:8:2], range(10)[::-1], range(10, 0, -3)[1:], range(0)[:]))

show("iter types", lambda: [type(x).__name__ for x in (iter(range(3)), iter(range(2**64)), reversed(range(3)),
                                                      reversed(range(-2**63, 0)), iter(range(2**63 - 2, 2**63 - 1)))])
show("long iteration", lambda: list(iter(range(2**63 - 2, 2**63 + 2))))
show("long reversed", lambda: list(reversed(range(2**63 - 2, 2**63 + 2))))
show("long hint", lambda: iter(range(2**64, 2**64 + 10, 3)).__length_hint__())

for obj in (slice(1, 2, 3), range(1, 2, 3)):
    for attr in ("start", "stop", "step"):
        show("set %s.%s" % (type(obj).__name__, attr), lambda: setattr(obj, attr, 5))
    show("get %s" % type(obj).__name__, lambda: (obj.start, obj.stop, obj.step))
