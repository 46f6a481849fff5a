# generators keep locals alive between yields; closures over generator locals; many live generators
def counter(start):
    n = start
    def peek():
        return n
    while True:
        n += 1
        yield n, peek()
c = counter(10)
print(next(c), next(c), next(c))
gens = [counter(i * 100) for i in range(1000)]
total = 0
for _ in range(3):
    for g in gens:
        total += next(g)[0]
print(total)
def interleave(*gs):
    gs = list(gs)
    while gs:
        for g in list(gs):
            try:
                yield next(g)
            except StopIteration:
                gs.remove(g)
print(list(interleave(iter("abc"), iter([1, 2]), iter("XYZW"))))
