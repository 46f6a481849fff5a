# float formatting with format specs, % and f-strings
x = 1234.56789
print(format(x, ".2f"), format(x, "10.3f"), format(x, "<12.1f") + "|", format(x, "e"), format(x, ".3E"))
print(format(x, "g"), format(x, ".3g"), format(1e-10, "g"), format(1e20, "g"), format(123456789.0, "g"))
print(format(x, ",.2f"), format(x, "_.1f"), format(0.25, "%"), format(0.25, ".1%"), format(-x, "+.1f"), format(x, "+.1f"), format(x, " .1f"))
print("%f %.3f %e %g %10.2f|%-10.2f|" % (x, x, x, x, x, x))
print(f"{x:012.3f} {-x:012.3f} {x:^15.2f} {x:*>12.1f}")
print(format(float("inf"), "f"), format(float("nan"), ".2f"), format(-0.0, ".1f"), format(float("-inf"), "e"))
print(format(1.5), format(2.0, ""), str(1e100), format(1e100, ".0f")[:20])
print("%r %s" % (0.1, 0.1), "%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
print(format(0.000012345, ".3g"), format(12345.0, ".10g"), format(1.0, "#g"), format(1.0, ".0e"))
print(f"{3.0:n}", f"{1234567.0:,}", f"{0.1:.20f}")
