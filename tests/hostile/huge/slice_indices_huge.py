# huge: slice.indices and slice assignment with huge bounds and steps

for sl in (slice(2**100, -2**100, -1), slice(None, None, 2**63), slice(None, None, -2**63), slice(0, 10, 0),
           slice(-2**63, 2**63, 2**62), slice(None, None, -2**63 - 1)):
    for n in (0, 5, 2**62, 2**63 - 1):
        try:
            sl.indices(n)
        except (ValueError, OverflowError):
            pass
    L = list(range(10))
    try:
        L[sl] = []
        del L[sl]
    except (ValueError, OverflowError):
        pass
try:
    slice(0, 1).indices(-1)
except ValueError:
    pass
