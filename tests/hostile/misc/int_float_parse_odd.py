# misc: int()/float() parsing of odd strings, bases, underscores, whitespace and non-ASCII digits
strings = ["", " ", "_1", "1_", "1__0", "0x", "0b2", "0o8", "-0", "+-1", "1e5", "inf", "-nan", "nan(123)", "1.5e99999",
           "\u0661\u0662", "\u00b2", "\x00", "1\x00", "0" * 5000 + "1", "9" * 5000, "1" * 4300, "٣.٥", "1_000.5_5",
           "0x_ff", "1j", "١e1", "\u2003 7 \u2003", "0_0", "00"]
for s in strings:
    for base in (0, 2, 10, 16, 36, 37, 1, -1, 2**63):
        try:
            int(s, base)
        except (ValueError, TypeError):
            pass
    for conv in (float, int, lambda x: int(x.encode("utf-8", "surrogatepass")), lambda x: float(bytearray(x, "utf-8", "ignore"))):
        try:
            conv(s)
        except (ValueError, TypeError, OverflowError):
            pass
for h in ("0x1p-1074", "0x1p1024", "-0x.8p1", "0x1.fffffffffffff8p1023", "inf", "0x", "1p", "0x1p" + "9" * 30):
    try:
        float.fromhex(h)
    except (ValueError, OverflowError):
        pass
