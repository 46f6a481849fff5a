# a backslash just before a replacement field of an f-string stays a backslash: f"\{6*7}" is "\42"
x = 5
print(f"\{6*7}", f"\{{", f"\}}", f"a\{x!r}", rf"\{6*7}", f"{1}\{2}", f"\\{x}", f"\\\{x}")
print(f"""\{x}""", f'\{x:>{x}}', f"ab\{x}cd\{x}", len(f"\{x}"), f"\{x}" == "\\5")
print(f"\N{DIGIT ONE}{1}\N{LATIN SMALL LETTER A}", f"\t\{x}\n".encode())
print([f"\{i}" for i in range(3)], f"\{'nested'}", f'{"a"}\{"b"}')
# the expression part still cannot hold a backslash
for src in ['f"{\\"a\\"}"', 'f"{x!r\\}"']:
    try:
        compile(src, "s", "eval")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, "->", e.msg)
