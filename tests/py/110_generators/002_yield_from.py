# yield from delegation: values, return value propagation, nested delegation
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield 3
    r2 = yield from [4, 5]
    print("list delegation returns", r2)
    yield from range(6, 8)
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, [5]]]], 6, [[7]]])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1], (2, 3), {})))
