# csv.writer through the native _csv: quoting styles, escaping, line terminators, DictWriter and errors
import csv, io

def out(rows, **kw):
    s = io.StringIO()
    w = csv.writer(s, **kw)
    try:
        for r in rows:
            w.writerow(r)
    except (csv.Error, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
    print(repr(s.getvalue()))

rows = [["a", "b,c", 'd"e', "f\ng", "", None, 1, 2.5, True], [], [""], ["é😀"], [" lead", "trail "]]
out(rows)
out(rows, quoting=csv.QUOTE_ALL)
out(rows, quoting=csv.QUOTE_NONNUMERIC)
out([["a,b", 'c"d', "e\\f"]], quoting=csv.QUOTE_NONE, escapechar="\\")
out([["a,b"]], quoting=csv.QUOTE_NONE)
out([[""]], quoting=csv.QUOTE_NONE)
out([['a"b']], doublequote=False)
out([['a"b']], doublequote=False, escapechar="\\")
out([["a\rb", "c\nd"]], lineterminator="\n")
out([["a", "b"]], delimiter="\t", lineterminator="X")
out([["a;b", "c"]], delimiter=";", quotechar="'")
out([[1, 2], (3, 4), "xy", range(3)])
out([5])
s = io.StringIO()
w = csv.writer(s)
print(w.writerow(["x", 1]), w.writerows([[1], [2]]), repr(s.getvalue()))
print(w.dialect.lineterminator.encode(), w.dialect.quoting)
s = io.StringIO()
dw = csv.DictWriter(s, fieldnames=["id", "name"], extrasaction="ignore")
dw.writeheader()
dw.writerow({"id": 1, "name": "x,y", "other": 0})
dw.writerows([{"id": 2}, {"name": "z"}])
print(repr(s.getvalue()))
try:
    csv.DictWriter(io.StringIO(), fieldnames=["a"]).writerow({"b": 1})
except ValueError as e:
    print(e)
for bad in [lambda: csv.writer(5), lambda: csv.writer(io.StringIO(), foo=1), lambda: csv.writer(io.StringIO()).writerow(5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
