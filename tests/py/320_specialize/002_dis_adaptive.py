# dis.dis(f, adaptive=True) shows specialized instruction names once f is warm; without it, the families
import dis


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


def opnames(f, **kw):
    sink = Sink()
    dis.dis(f, file=sink, **kw)
    names = set()
    for line in "".join(sink.parts).splitlines():
        for tok in line.split():
            if tok.isupper() and tok.replace("_", "").isalpha() and len(tok) > 3:
                names.add(tok)
                break
    return names


def f(n):
    t = 0
    for i in range(n):
        t = t + i
    return t


def families_only(names):
    return sorted(n for n in names if n.startswith(("BINARY_OP_", "LOAD_GLOBAL_")))


print("cold, adaptive:", families_only(opnames(f, adaptive=True)))
print(f(1000), sum(f(i) for i in range(20)))
print("warm:", families_only(opnames(f)))
warm = opnames(f, adaptive=True)
print("warm, adaptive: BINARY_OP specialized", any(n.startswith("BINARY_OP_") for n in warm))
print("warm, adaptive: LOAD_GLOBAL specialized", any(n.startswith("LOAD_GLOBAL_") for n in warm))
print("families still there:", sorted(n for n in opnames(f) if n in ("BINARY_OP", "LOAD_GLOBAL")))
print("co_code unchanged:", f.__code__.co_code == f.__code__.replace().co_code)
