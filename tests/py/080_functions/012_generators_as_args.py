# functions as first-class values: passing, returning, storing in dicts, higher-order
def apply(fn, *a):
    return fn(*a)
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b, "pow": pow}
print({k: apply(v, 3, 4) for k, v in ops.items()})
def make_multiplier(n):
    def m(x):
        return x * n
    return m
fs = [make_multiplier(i) for i in range(1, 4)]
print([f(10) for f in fs])
def reduce_(fn, seq, init):
    acc = init
    for x in seq:
        acc = fn(acc, x)
    return acc
print(reduce_(lambda a, b: a * b, range(1, 11), 1), reduce_(max, [3, 9, 2], 0))
print(sum(map(make_multiplier(2), range(5))), list(filter(callable, [1, len, "x", print])) == [len, print])
