# mutate: __missing__ that mutates the dict subclass and recursion through __missing__
class D(dict):
    def __missing__(self, key):
        self.clear()
        if key < 100:
            return self[key + 1]
        return key
d = D(a=1)
print(d[0])
class E(dict):
    def __missing__(self, key):
        return self[key]
try:
    E()[1]
except RecursionError:
    pass
