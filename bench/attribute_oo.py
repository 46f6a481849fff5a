# Benchmark: attribute-heavy OO: properties with setters, __slots__, custom data descriptors, __getattr__ fallback, class attributes.


class Positive:
    """A data descriptor that validates and stores into the instance dict under a private name."""

    def __set_name__(self, owner, name):
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj, value):
        if value < 0:
            raise ValueError("negative")
        setattr(obj, self.private, value)


class Account:
    balance = Positive()
    rate = Positive()
    fee = 1

    def __init__(self, balance, rate):
        self.balance = balance
        self.rate = rate

    @property
    def yearly(self):
        return self.balance * self.rate // 100

    @property
    def level(self):
        return self._level if hasattr(self, "_level") else 0

    @level.setter
    def level(self, value):
        self._level = min(value, 10)


class Slotted:
    __slots__ = ("a", "b", "c")

    def __init__(self, a, b, c):
        self.a, self.b, self.c = a, b, c

    @property
    def total(self):
        return self.a + self.b + self.c


class Lazy:
    def __init__(self):
        self.hits = 0

    def __getattr__(self, name):
        # Only called for missing attributes: computes and caches them.
        self.hits += 1
        value = len(name)
        setattr(self, name, value)
        return value


def main():
    accts = [Account(i * 10, i % 7) for i in range(1000)]
    total = 0
    for _ in range(240):
        for a in accts:
            a.balance = a.balance + a.yearly + a.fee
            a.level = a.level + 1
            total += a.level
    slots = [Slotted(i, i + 1, i + 2) for i in range(1000)]
    st = 0
    for _ in range(400):
        for s in slots:
            s.a = s.b
            st += s.total
    lazy = Lazy()
    names = ["attr%d" % i for i in range(500)]
    lt = 0
    for _ in range(800):
        for n in names:
            lt += getattr(lazy, n)
    errors = 0
    try:
        accts[0].balance = -1
    except ValueError:
        errors += 1
    assert lazy.hits == 500 and errors == 1
    print("attribute_oo:", sum(a.balance for a in accts), total, st, lt)


main()
