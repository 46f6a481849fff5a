# printf-style % formatting for str/int/float/repr, dict-based and width/precision
print("%s %d %i %f %x %X %o %e %g %%" % ("s", 42, -7, 1.5, 255, 255, 8, 12345.678, 0.0001))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%.3s|%10s|%-10s|%r|%a" % ("abcdef", "right", "left", "q'", "é"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%c%c" % ("x", 65), "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%#x %#o %#X" % (255, 8, 255), "%x" % -255, "%d" % 3.99, "%s" % (1,), "%s" % [1, 2])
print("%d" % True, "%.2e" % 0, "%10.4f|" % 3.14159, "%-+8.2f|" % 2.5)
for bad in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
