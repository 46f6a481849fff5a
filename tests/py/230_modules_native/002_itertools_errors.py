# itertools: argument checking with CPython's exception types and messages
import itertools as it

def show(expr):
    try:
        r = eval(expr)
        if hasattr(r, '__next__'):
            r = list(it.islice(r, 3))
        print(expr, '->', r)
    except Exception as e:
        print(expr, '->', type(e).__name__, e)

for expr in [
    "it.count(1, 2, 3)", "it.count('a')", "it.count(1, 'b')", "it.count(x=1)", "it.count(start=1, step=2, x=3)",
    "it.cycle()", "it.cycle(1)", "it.cycle([], x=1)", "it.cycle([], [])",
    "it.repeat()", "it.repeat(1, 2, 3)", "it.repeat(1, 'a')", "it.repeat(1, 2**70)", "it.repeat(1, 2, times=3)",
    "it.accumulate()", "it.accumulate(1)", "it.accumulate([], x=1)", "it.accumulate([], None, 1)",
    "it.accumulate([1, 'a'])", "it.chain(x=1)", "it.chain(1)", "it.chain.from_iterable()", "it.chain.from_iterable(1, 2)",
    "it.compress([])", "it.compress(1, [])", "it.compress([], [], [])",
    "it.dropwhile(None)", "it.takewhile(len)", "it.filterfalse(None)", "it.starmap(None)", "it.dropwhile(None, [], x=1)",
    "it.starmap(len, [1])", "it.takewhile(None, [1])",
    "it.groupby()", "it.groupby(1)", "it.groupby([], None, None)", "it.groupby([], key=1, x=2)",
    "it.islice()", "it.islice([])", "it.islice([], -1)", "it.islice([], 'a')", "it.islice([], 1, 2, 0)",
    "it.islice([], 1, 2, 3, 4)", "it.islice([], x=1)", "it.islice([], -5, 3)", "it.islice([], None, 'a')",
    "it.islice([], 1, 'a')", "it.islice([], 1, 2, 'a')", "it.islice([], 1, 2, -1)", "it.islice([], 2**70)",
    "it.islice([], 1, -2)", "it.islice(1, 2)",
    "it.pairwise()", "it.pairwise(1)", "it.pairwise([], x=1)",
    "it.tee()", "it.tee([], -1)", "it.tee(1)", "it.tee([], 'a')", "it.tee([], x=1)", "it.tee([], 2**70)",
    "it.zip_longest(1)", "it.zip_longest(x=1)", "it.zip_longest([], fillvalue=1, x=2)",
    "it.product(1)", "it.product([], repeat=-1)", "it.product([], x=1)", "it.product(repeat=None)",
    "it.product([1], repeat=2**62)",
    "it.permutations()", "it.permutations([], -1)", "it.permutations([], 'a')", "it.permutations([], 2**70)",
    "it.combinations([])", "it.combinations([], -1)", "it.combinations([], 'a')",
    "it.combinations_with_replacement([], -1)", "it.combinations_with_replacement([])",
    "it.repeat(1).__length_hint__()", "it.repeat(1, -5).__length_hint__()", "it.repeat(1, 3).__length_hint__()",
]:
    show(expr)
