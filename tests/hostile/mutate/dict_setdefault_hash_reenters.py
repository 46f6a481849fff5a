# mutate: dict.setdefault / dict.get whose key __hash__ re-enters setdefault on the same dict
class K:
    depth = 0
    def __hash__(self):
        K.depth += 1
        if K.depth < 50:
            D.setdefault(K(), K.depth)
        return 7
    def __eq__(self, o):
        return self is o
D = {}
D.setdefault(K(), 0)
D.get(K())
print(len(D) > 0)
