# mutate: list.extend / list(iter) / += with an iterator that clears and grows the list
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 50:
            raise StopIteration
        if self.n % 7 == 0:
            L.clear()
        L.append(self.n)
        return self.n
    def __length_hint__(self):
        L.clear()
        return 10**6
L = [1, 2, 3]
L.extend(It())
L += It()
L[len(L):] = It()
print(len(L) > 0)
