# nested with statements enter in order and exit in reverse, even on exceptions
log = []
class L:
    def __init__(self, n, suppress=False):
        self.n, self.suppress = n, suppress
    def __enter__(self):
        log.append("enter%d" % self.n)
        return self.n
    def __exit__(self, t, v, tb):
        log.append("exit%d:%s" % (self.n, t.__name__ if t else "-"))
        return self.suppress
with L(1), L(2) as b, L(3):
    log.append("body")
print(log)
log.clear()
with L(1, suppress=True):
    with L(2):
        with L(3):
            raise IndexError
print(log)
