# mutate: ordering comparison of lists while __eq__/__lt__ clear the other list
class Evil:
    def __eq__(self, other):
        B.clear()
        return False
    def __lt__(self, other):
        A.clear()
        return True
    __hash__ = None
A = [Evil() for _ in range(10)]
B = [Evil() for _ in range(10)]
for op in ("<", "<=", ">", ">=", "==", "!="):
    A = [Evil() for _ in range(10)]
    B = [Evil() for _ in range(10)]
    try:
        eval("A %s B" % op)
    except TypeError:
        pass
