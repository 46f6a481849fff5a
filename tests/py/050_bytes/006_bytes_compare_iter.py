# bytes comparisons, iteration, sum, sorted, bytes vs str inequality, hash equality
data = b"The quick brown fox"
print(sum(data), max(data), min(data), sorted(data)[:5], bytes(sorted(data)))
print(b"a" == "a", b"abc" < b"abd", b"ab" < b"abc", bytes(b"x") is not None)
print([c for c in b"hi"], bytes(c + 1 for c in b"HAL"), b"%d%%" % 50)
print(hash(b"abc") == hash(b"ab" + b"c"), bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"))
print(type(b"x" + bytearray(b"y")).__name__, type(bytearray(b"y") + b"x").__name__)
try:
    b"a" + "b"
except TypeError as e:
    print(type(e).__name__, e)
