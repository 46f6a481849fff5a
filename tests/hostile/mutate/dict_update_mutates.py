# mutate: dict.update / dict(x) / {**x} from a mapping whose keys()/__getitem__ mutate the target
class M:
    def keys(self):
        return ["a", "b", "c"]
    def __getitem__(self, k):
        D.clear()
        D.update({i: i for i in range(30)})
        return k
D = {}
D.update(M())
D = {1: 2}
D |= M()
E = {**M(), **D}
dict(M())
class Pairs:
    def __iter__(self):
        for i in range(10):
            D.clear()
            yield (i, i)
D = {}
D.update(Pairs())
print(len(D))
