# dis.Positions (CPython's namedtuple, made on first use) and inspect's frame positions that use it
import dis
import inspect

P = dis.Positions
print(P, P._fields, P(), P(3, 4, 5, 6), P(1)._replace(col_offset=2), P.__module__)
print(dis.Positions is P, isinstance(P(1, 2, 3, 4), tuple))
try:
    dis.no_such_name
except AttributeError as e:
    print("AttributeError:", e)

def where():
    frame = inspect.currentframe()
    info = inspect.getframeinfo(frame)
    return info.lineno, type(info.positions).__name__, info.positions.lineno == info.lineno
print(where())
print([type(fi.positions).__name__ for fi in inspect.stack()[:1]])
