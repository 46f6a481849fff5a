# identifiers are NFKC-normalised (ﬁ is fi, ｘ is x, ℌ is H, µ is μ) and checked as XID_Start/XID_Continue before it
ﬁ = 3
print(fi)
ｘｙｚ = 4
print(xyz, ｘyｚ)
µ = 5
print(μ, "μ" in globals(), "µ" in globals())
ℌ = 6
print(H)
ǅ = 7
print(Dž)
Å = 8           # U+212B ANGSTROM SIGN -> U+00C5
print(Å)
ｆｏｏ＿ｂａｒ = 9
print(foo_bar)
xⁿ = 10       # superscript n -> n
print(xn)
def ﬀ(ℯ):
    return ℯ * 2
print(ff(21), ff.__name__, ff.__code__.co_varnames)
class Ｃ:
    ａｔｔｒ = 11
print(C.attr, C.__name__, getattr(C(), "attr"))
print(sorted(k for k in globals() if not k.startswith("__")))
Ⅸ = 12        # ROMAN NUMERAL NINE is XID_Start -> IX
print(IX)
import math as ｍ
print(m.floor(1.5))
# keywords are recognised before normalisation: ﬁnally is a plain name "finally"
ns = {}
exec("ﬁnally = 13\nｒｅｔｕｒｎ = 14", ns)
print(ns["finally"], ns["return"])
print(eval("ｍａｘ(1, 2)"), eval("ℌ + 1", {"H": 1}))
# characters that are not identifier characters, before or after normalisation
for src in ["a€ = 1", "x = 1 ⁺ 2", "¹ = 1", "x₁y = 1", "a\u00b7b = 1", "\u00b7a = 1", "a\u200bb = 1", "a\u2060 = 1",
            "\U0001F600 = 1", "ℕ = 1", "a⃝ = 1", "〇 = 1", "ⅰ = 1", "ᴬ = 1", "x\u0301 = 1", "\u0301x = 1", "_\u0301 = 1"]:
    try:
        ns = {}
        exec(src, ns)
        print(ascii(src), "ok", [ascii(k) for k in ns if k != "__builtins__"])
    except SyntaxError as e:
        print(ascii(src), e.msg, e.offset)
print("ok" if "ﬁ".isidentifier() and not "€".isidentifier() else "no")
