# mutate: dict operations while key __hash__ resizes the dict being used
class K:
    def __hash__(self):
        for i in range(50):
            D[i] = i
        D.clear()
        return 1
D = {}
for op in range(5):
    try:
        if op == 0:
            D[K()] = 1
        elif op == 1:
            K() in D
        elif op == 2:
            D.get(K())
        elif op == 3:
            D.pop(K(), 0)
        else:
            D.setdefault(K(), [])
    except KeyError:
        pass
