# huge: list/bytearray insert/pop/index with indices at machine-word extremes
L = list(range(10))
for i in (2**63 - 1, -2**63, 2**64, -2**64, 10**30):
  for f in (
    lambda: L.insert(i, 0),
    lambda: L.pop(i),
    lambda: L.index(3, i),
    lambda: L.index(3, 0, i),
    lambda: L.index(3, -i, i),
    lambda: bytearray(b"abc").insert(i, 1),
    lambda: bytearray(b"abc").pop(i),
    lambda: "abc".find("b", i, -i),
    lambda: b"abc".count(b"b", -i),
    lambda: (1, 2).index(2, -i, i),
  ):
    try:
        f()
    except (IndexError, OverflowError, ValueError):
        pass
