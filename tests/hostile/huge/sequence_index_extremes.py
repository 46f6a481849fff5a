# huge: indexing and slicing every sequence with indices at machine-word limits
import sys
for s in ([1, 2, 3], (1, 2, 3), "abc", b"abc", bytearray(b"abc"), range(3), memoryview(b"abc")):
  for i in (2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64, 10**100, -10**100, 2**31, -2**31 - 1):
    for f in (
        lambda: s[i],
        lambda: s[i:],
        lambda: s[:i],
        lambda: s[::i],
        lambda: s[i:-i:i],
        lambda: s[-i::-1],
    ):
      try:
        f()
      except (IndexError, OverflowError, ValueError, TypeError):
        pass
