# huge: containers built from objects whose __len__/__length_hint__ claim 2**62 items

class Lying:
    def __len__(self):
        return 2**62
    def __iter__(self):
        return iter(range(3))
    def __length_hint__(self):
        return 2**62
for ctor in (list, tuple, set, frozenset, dict.fromkeys, bytearray, sorted, lambda x: [*x], lambda x: (*x,), len):
    try:
        ctor(Lying())
    except (MemoryError, OverflowError, ValueError, TypeError):
        pass
class Hint:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
    def __length_hint__(self):
        return 10**12
for ctor in (list, tuple, bytearray, lambda x: [].extend(x), lambda x: bytearray().extend(x)):
    try:
        ctor(Hint())
    except (MemoryError, OverflowError, ValueError):
        pass
