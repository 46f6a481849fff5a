# f-strings: expressions, conversions, format specs, nested fields, = specifier
name, n, pi = "Ann", 42, 3.14159265
print(f"{name} is {n} years, pi={pi:.3f}, {n:05d}, {n:x}, {n:#b}, {name!r}, {name!s:>6}")
w, p = 10, 2
print(f"[{pi:{w}.{p}f}] [{name:^{w}}] [{n:{'<' if n > 0 else '>'}{w}}]")
print(f"{n=} {pi=:.2f} {name=!r} {1 + 2=}")
print(f"{'nested ' + f'{n}'} {[x * 2 for x in range(3)]} {dict(a=1)['a']} {(lambda: 7)()}")
print(f"{{braces}} {n}{{}}", f"{3.0!r:>6}", f"{'é'!a}")
items = {"a": 1}
print(f"{items['a']} {len(items)} {n if n else 0} {n:,} {1234567.891:,.2f}")
print(f"""multi
{name}
line""", rf"\n{n}", f"{'x':*<5}", f"{-5:=+6}")
