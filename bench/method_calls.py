# Benchmark: method calls: bound methods, inherited and overridden methods, super(), classmethod/staticmethod, calls via stored bound methods.


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1
        return self

    def add(self, k):
        self.n += k

    def get(self):
        return self.n


class Doubler(Counter):
    def add(self, k):
        super().add(2 * k)


class Tripler(Doubler):
    def add(self, k):
        Counter.add(self, 3 * k)

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def factor():
        return 3


def run(rounds):
    objs = [Counter(), Doubler(), Tripler.make()]
    for _ in range(rounds):
        for o in objs:
            o.add(1)
            o.bump().bump()
            o.get()
    return [o.get() for o in objs]


def run_bound(rounds):
    t = Tripler()
    add = t.add
    bump = t.bump
    for i in range(rounds):
        add(i & 3)
        bump()
        Tripler.factor()
    return t.get()


def chain(rounds):
    class Node:
        __slots__ = ("next", "v")

        def __init__(self, nxt, v):
            self.next = nxt
            self.v = v

        def total(self):
            s = 0
            node = self
            while node is not None:
                s += node.value()
                node = node.next
            return s

        def value(self):
            return self.v

    head = None
    for i in range(200):
        head = Node(head, i)
    return sum(head.total() for _ in range(rounds))


def main():
    a = run(200000)
    b = run_bound(400000)
    c = chain(1500)
    assert a == [600000, 800000, 1000000], a
    print("method_calls:", a, b, c)


main()
