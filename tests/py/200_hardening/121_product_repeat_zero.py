# itertools.product(*iterables, repeat=0) wrote the iterables past the end of its zero-length pool tuple (heap corruption, then a crash in the collector); CPython takes no pools then
from itertools import product
import gc
for args in ([], ['ab'], [range(2), range(3)], [range(0), range(2)], [range(3), None]):
    print(list(product(*args, repeat=0)))
    gc.collect()
blocks = [list(product(range(2), range(3), repeat=r)) for r in range(4)]
gc.collect()
print([len(b) for b in blocks])
try:
    product(range(6), None)
except TypeError as e:
    print(e)
try:
    product('ab', repeat=-1)
except ValueError as e:
    print(e)
