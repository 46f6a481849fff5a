# send() to generators: priming, accumulating, send through yield from
def acc():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total
g = acc()
print(g.send(None), g.send(5), g.send(10), g.send(-3))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
g2 = acc()
try:
    g2.send(1)
except TypeError as e:
    print(type(e).__name__, e)
def wrapper():
    r = yield from acc()
    yield "wrapper got " + str(r)
w = wrapper()
next(w)
w.send(1)
print(w.send(2), w.send(None))
def echo():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    yield received
e = echo()
print(next(e), e.send("a"), e.send("b"), e.send("c"))
