# deep: 10**5 nested filter/zip/enumerate/reversed iterators

for wrap in (lambda it: filter(None, it), lambda it: zip(it), lambda it: map(lambda x: x, it),
             lambda it: iter(it), lambda it: (x for x in it)):
    it = iter([1, 2, 3])
    for i in range(10**5):
        it = wrap(it)
    try:
        next(it)
    except (RecursionError, StopIteration, TypeError):
        pass
