# huge: huge ranges: len, indexing, slicing, index, contains, hash
r = range(-2**100, 2**100, 3)
for f in (
    lambda: len(r),
    lambda: r[2**99],
    lambda: r[::-2**90],
    lambda: r.index(2**99 + 1),
    lambda: r[-1],
    lambda: 2**99 in r,
    lambda: reversed(r),
    lambda: r[10**30:],
    lambda: hash(r),
    lambda: r.count(3),
    lambda: range(0, 2**63, 2**62)[1],
    lambda: len(range(2**63)),
):
    try:
        f()
    except (OverflowError, MemoryError, ValueError, IndexError):
        pass
