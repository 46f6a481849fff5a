# exception inside a list comprehension: frame named <listcomp>
def parse_all(items):
    return [int(s) for s in items]

print(parse_all(["1", "2"]))
print(parse_all(["3", "four"]))
