# Benchmark: exceptions as control flow: raise/except in loops, custom hierarchies, finally, re-raise, StopIteration, KeyError probes.


class ParseError(Exception):
    def __init__(self, pos, msg):
        super().__init__(msg)
        self.pos = pos


class EmptyField(ParseError):
    pass


def parse_int(text, pos):
    if not text:
        raise EmptyField(pos, "empty field")
    try:
        return int(text)
    except ValueError:
        raise ParseError(pos, "bad number %r" % text) from None


def parse_row(row):
    values, errors, empties = [], 0, 0
    for pos, field in enumerate(row.split(",")):
        try:
            values.append(parse_int(field, pos))
        except EmptyField:
            empties += 1
        except ParseError as e:
            errors += e.pos
        finally:
            pass
    return sum(values), errors, empties


def lookups(n):
    table = {i: i * i for i in range(0, n, 3)}
    hits = misses = 0
    for i in range(n):
        try:
            hits += table[i]
        except KeyError:
            misses += 1
    return hits, misses


def manual_iteration(n):
    it = iter(range(n))
    total = 0
    while True:
        try:
            total += next(it)
        except StopIteration:
            break
    return total


def nested_reraise(depth):
    if depth == 0:
        raise LookupError("bottom")
    try:
        nested_reraise(depth - 1)
    except LookupError:
        raise


def main():
    rows = ["1,2,x,4,,6", "10,,20,abc,30", ",,,", "7,8,9"]
    acc = [0, 0, 0]
    for _ in range(20000):
        for row in rows:
            s, e, m = parse_row(row)
            acc[0] += s
            acc[1] += e
            acc[2] += m
    hits, misses = lookups(300000)
    total = manual_iteration(300000)
    caught = 0
    for _ in range(3000):
        try:
            nested_reraise(20)
        except LookupError as e:
            caught += len(str(e))
    assert acc == [20000 * (13 + 60 + 24), 20000 * (2 + 3), 20000 * (1 + 1 + 4)], acc
    print("exceptions_flow:", acc, hits, misses, total, caught)


main()
