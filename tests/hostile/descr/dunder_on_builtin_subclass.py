# descr: built-in subclasses overriding dunders the natives use internally (len, iter, getitem, keys)
class L(list):
    def __len__(self):
        return 10**6
    def __iter__(self):
        return iter(range(3))
    def __getitem__(self, i):
        raise KeyError
class D(dict):
    def keys(self):
        return [1, 2, 3]
    def __getitem__(self, k):
        return k
    def __iter__(self):
        raise ValueError
    def __len__(self):
        return -1
class S(str):
    def __len__(self):
        return 1000
    def __iter__(self):
        return iter("q")
for x in (L([1, 2]), D(a=1), S("abc")):
    for f in (list, tuple, set, dict, sorted, len, "".join, lambda v: {**v} if isinstance(v, dict) else v, lambda v: dict(v),
              lambda v: [].extend(v), lambda v: v.copy() if hasattr(v, "copy") else v, repr, str, lambda v: v == v,
              lambda v: list(reversed(v)), lambda v: max(v), lambda v: bytes(v) if not isinstance(v, str) else v):
        try:
            f(x)
        except Exception:
            pass
