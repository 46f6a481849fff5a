# __eq__ without __hash__ makes instances unhashable; __hash__ consistency in dicts/sets
class NoHash:
    def __eq__(self, o):
        return True
print(NoHash.__hash__)
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Key) and self.k == o.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return f"Key({self.k})"
d = {Key(1): "one", Key(2): "two"}
print(d[Key(1)], Key(2) in d, Key(3) in d, len({Key(1), Key(1), Key(2)}))
class Default:
    pass
a, b = Default(), Default()
print(a == b, a == a, hash(a) == hash(a), len({a, b, a}))
class Child(Key):
    def __eq__(self, o):
        return False
try:
    hash(Child(1))
except TypeError as e:
    print(type(e).__name__, e)
class Child2(Key):
    pass
print(hash(Child2(5)) == hash(5))
