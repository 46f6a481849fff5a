# mutate: dict.fromkeys with an iterable whose items' __hash__ mutate the iterable
class K:
    def __hash__(self):
        L.clear()
        S.clear()
        return 3
L = [K() for _ in range(20)]
S = {1, 2, 3}
dict.fromkeys(L)
S = set(range(30))
S2 = S
try:
    dict.fromkeys(S2)
except RuntimeError:
    pass
dict.fromkeys({K(): 1, K(): 2})
