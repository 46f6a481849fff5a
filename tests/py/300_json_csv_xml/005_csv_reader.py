# csv.reader through the native _csv: quoting, escapes, dialect parameters, line_num, embedded newlines and errors
import csv, io

def show(data, **kw):
    r = csv.reader(io.StringIO(data, newline=""), **kw)
    try:
        for row in r:
            print(r.line_num, row)
    except csv.Error as e:
        print("Error:", e, "at line", r.line_num)
    except Exception as e:
        print(type(e).__name__, e)

show('a,b,c\r\n1,"2,3",4\r\n"x""y",,"multi\nline"\r\n\r\nlast')
show('a;b;"c;d"\n', delimiter=";")
show("a, b,  'c, d'\n", quotechar="'", skipinitialspace=True)
show('a\\,b,c\\\nd,e\n', escapechar="\\", quoting=csv.QUOTE_NONE)
show('"a\\"b",c\n', escapechar="\\", doublequote=False)
show('1,2.5,"x",-3e2\n', quoting=csv.QUOTE_NONNUMERIC)
show('1,abc\n', quoting=csv.QUOTE_NONNUMERIC)
show('"a"b,c\n')
show('"a"b,c\n', strict=True)
show('"unterminated\n', strict=True)
show('"unterminated\nmore')
show('a\rb,c\n')
show('a,b\r\rc')
show('x\x00y,z\n')
show('é,ü,"😀"\n')
show('a|b\n', dialect="excel-tab")
show('a\tb\n', dialect="excel-tab")
show('a b c\n', delimiter=" ")
show('"a",b\n', quoting=csv.QUOTE_NONE)
print(list(csv.reader(["a,b", "c,d"])), list(csv.reader([])))
try:
    list(csv.reader([b"a,b"]))
except csv.Error as e:
    print(e)
old = csv.field_size_limit(5)
print(old, csv.field_size_limit())
show('abcdef,g\n')
csv.field_size_limit(old)
for bad in [lambda: csv.field_size_limit("x"), lambda: csv.field_size_limit(1, 2), lambda: csv.reader(5),
            lambda: csv.reader([], "nosuch"), lambda: csv.reader(), lambda: next(iter(csv.reader(["a"])))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
r = csv.reader(["a,b"])
print(r.dialect.delimiter, type(r).__name__, iter(r) is r)
rows = list(csv.DictReader(io.StringIO("name,age\nann,3\nbob,4,extra\ncy\n")))
print(rows)
print(list(csv.DictReader(["a,b", "1,2"], fieldnames=["x", "y"], restkey="r", restval="?")))
