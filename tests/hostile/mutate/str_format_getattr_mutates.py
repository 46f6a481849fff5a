# mutate: str.format / format_map / %-format with a mapping whose __getitem__ mutates the args
class M(dict):
    def __missing__(self, k):
        args.clear()
        return "<%s>" % k
args = [1, 2, 3]
print("{a} {b} {0}".format_map(M()) if False else "{a} {b}".format_map(M()))
class T:
    def __getitem__(self, k):
        return self
    def __format__(self, spec):
        args.clear()
        return "t"
print("{0[x][y]} {0}".format(T()))
try:
    print("%(a)s %(b)d" % M(a=1))
except TypeError:
    pass
print("%s %s" % (T(), T()) if False else "ok")
