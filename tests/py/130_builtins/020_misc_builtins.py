# remaining builtins: bool/int/float/str/list/tuple/dict/set constructors, type(), object(), slice, super, property existence
print(bool(), int(), float(), str(), list(), tuple(), dict(), set(), frozenset(), bytes(), bytearray())
print(type(object()).__name__, isinstance(object(), object), object().__class__.__name__)
print(slice(1, 2, 3), type(slice(1)).__name__, type(range(1)).__name__, type(super).__name__)
print(all(callable(b) for b in [abs, all, any, ascii, bin, bool, bytearray, bytes, callable, chr, classmethod, compile,
      delattr, dict, dir, divmod, enumerate, eval, exec, filter, float, format, frozenset, getattr, globals, hasattr,
      hash, hex, id, input, int, isinstance, issubclass, iter, len, list, locals, map, max, memoryview, min, next,
      object, oct, open, ord, pow, print, property, range, repr, reversed, round, set, setattr, slice, sorted,
      staticmethod, str, sum, super, tuple, type, vars, zip]))
print(NotImplemented, Ellipsis, repr(NotImplemented), type(NotImplemented).__name__, __name__, __debug__)
print(int("12") + int(3.7) + int(True), float("  3.5 "), str(12), list("ab"), tuple([1]), dict(a=1), sorted(set("aab")))
print(type(__builtins__).__name__ in ("module", "dict"))
