# mutate: dict == dict while value __eq__ deletes keys from both dicts
class V:
    def __eq__(self, other):
        A.clear()
        B.clear()
        return True
for f in (lambda: A == B, lambda: A.items() == B.items(), lambda: A.keys() <= B.keys(), lambda: A.values() == B.values()):
    A = {i: V() for i in range(20)}
    B = {i: V() for i in range(20)}
    try:
        f()
    except RuntimeError:
        pass
