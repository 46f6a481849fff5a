# _csv.Dialect validation messages, the dialect registry and csv.Dialect subclasses, csv.Sniffer
import csv, _csv
for kw in [dict(delimiter=''), dict(delimiter=1), dict(delimiter=None), dict(quotechar='ab'), dict(quoting=7),
           dict(escapechar=5), dict(escapechar="ab"), dict(lineterminator=3), dict(lineterminator=None),
           dict(quotechar=None), dict(quotechar=None, quoting=csv.QUOTE_ALL), dict(delimiter=' '), dict(foo=1),
           dict(quoting='a'), dict(quoting=1.0), dict(doublequote=0, skipinitialspace=1, strict=[1]), dict(quoting=True)]:
    try:
        d = _csv.Dialect(**kw)
        print(kw, repr(d.delimiter), repr(d.quotechar), d.quoting, repr(d.escapechar), repr(d.lineterminator),
              d.doublequote, d.skipinitialspace, d.strict)
    except Exception as e:
        print(kw, type(e).__name__, e)
print(sorted(csv.list_dialects()))
class Pipe(csv.Dialect):
    delimiter = "|"
    quotechar = "'"
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False
csv.register_dialect("pipe", Pipe)
csv.register_dialect("semi", delimiter=";", quoting=csv.QUOTE_ALL)
csv.register_dialect("semi2", "semi", quotechar="'")
for name in ["pipe", "semi", "semi2", "excel", "unix"]:
    d = csv.get_dialect(name)
    print(name, type(d).__name__, repr(d.delimiter), repr(d.quotechar), d.quoting, repr(d.lineterminator))
print(csv.get_dialect("semi") is csv.get_dialect("semi"), _csv.Dialect(csv.get_dialect("semi")) is csv.get_dialect("semi"))
csv.unregister_dialect("semi2")
for bad in [lambda: csv.get_dialect("semi2"), lambda: csv.unregister_dialect("semi2"), lambda: csv.register_dialect(1),
            lambda: csv.register_dialect("x", delimiter="::")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
class Bad(csv.Dialect):
    delimiter = ","
try:
    Bad()
except csv.Error as e:
    print("Error", e)
d = csv.get_dialect("excel")
try:
    d.delimiter = ";"
except AttributeError as e:
    print("AttributeError")
print(issubclass(csv.Error, Exception), csv.Error.__module__, csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
sn = csv.Sniffer()
dialect = sn.sniff("a;b;c\n1;2;3\n4;5;6\n")
print(repr(dialect.delimiter), sn.has_header("name,age\nann,3\nbob,4\n"))
