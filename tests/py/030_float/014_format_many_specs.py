# float formatting through the format-spec mini-language and %-formatting, many values and precisions
import math
vals = [0.0, -0.0, 1.0, 0.1, 0.5, 1.5, 2.5, 0.125, 1/3, 2/3, 123456.789, 1e-7, 1.23e-5, 9.999, 9.9999999, 99.995,
        1e15, 1e16, 1e17, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 12345678901234567890.0, 0.000123456, 7.0, 1e22, 1e23]
out = []
for v in vals:
    for spec in ["", ".0f", ".1f", ".2f", ".3f", ".10f", ".0e", ".3e", ".12e", ".0g", ".1g", ".3g", ".6g", ".12g", ".17g", "g", "e", "f", "%", ".1%", ",.2f", "_.3f", "+.2e", " .3g", "10.4f", "<12.3e", "^15.6g", "n", ".20f", ".30e"]:
        out.append(format(v, spec))
        out.append(format(-v, spec))
    for pf in ["%.0f", "%.2f", "%.3e", "%g", "%.10g", "%e", "%f", "%10.3f", "%-10.2e", "%+.4g"]:
        out.append(pf % v)
for x in out[:40]:
    print(x)
print(len(out), sum(len(x) for x in out), hash(tuple(out)) % 1000003 if False else len(set(out)))
import sys
h = 0
for x in out:
    for ch in x:
        h = (h * 31 + ord(ch)) % 1000000007
print(h)
