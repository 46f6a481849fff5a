# mutate: list == list while element __eq__ appends to both lists
class Evil:
    def __eq__(self, other):
        if len(A) < 2000:
            A.append(Evil())
            B.append(Evil())
        return True
A = [Evil() for _ in range(5)]
B = [Evil() for _ in range(5)]
A == B
A < B
A[:] = [Evil()]
B[:] = [Evil()]
A != B
