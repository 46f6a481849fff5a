# mutate: repr(list) / str(dict) where an element's __repr__ clears the container
class Evil:
    def __repr__(self):
        L.clear()
        D.clear()
        S.clear()
        return "E"
L = [Evil() for _ in range(10)] + [1]
D = {i: Evil() for i in range(10)}
S = {Evil() for _ in range(10)}
print(repr(L), str(D))
S2 = S
print(len(repr(S2)) > 0)
