# layout: __class__ assignment between subclasses of differing built-in bases
class L(list): pass
class D(dict): pass
class S(set): pass
class T(tuple): pass
class I(int): pass
class F(float): pass
class B(bytearray): pass
class Str(str): pass
class E(Exception): pass
class O: pass
classes = [L, D, S, T, I, F, B, Str, E, O]
for a in classes:
    for b in classes:
        try:
            x = a()
            x.__class__ = b
        except TypeError:
            continue
        for f in (len, repr, hash, bool, iter, str):
            try:
                f(x)
            except Exception:
                pass
