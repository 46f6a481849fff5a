# warnings of the tokenizer and parser: invalid escape sequences (DeprecationWarning), a number run into a keyword (SyntaxWarning); errors under an error filter
import warnings

x = 0
print("script:", [0x1for x in (1, 2)])
srcs = [r"'\d'", r"b'\d'", r"'\8'", r"'\407'", r"b'\407'", r"'\d \q'", r"'ok\n' '\z'", "'''\n\\z'''", r"b'\N{DASH}'", r"b'\u1234'",
        r"f'\{6*7}'", r"f'a\qb{1}'", r"rf'\d{1}'", r"r'\d'", "1if x else 2", "[0x1for x in ()]", "0o7in x", "1.5or x",
        "1jand x", "0b1not in x", "x if 1else 2", "1is x", "'\\d' is 'x'"]
for s in srcs:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        compile(s, '<w>', 'eval' if 'for' not in s[:1] else 'eval')
    print(repr(s), [(x.category.__name__, str(x.message), x.filename, x.lineno) for x in w])
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try:
            compile(s, '<w>', 'eval')
        except SyntaxError as e:
            print('   SyntaxError', e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))
for bad in ["0xfor x", "1spam", "0_7"]:
    try:
        compile(bad, '<w>', 'eval')
    except SyntaxError as e:
        print(repr(bad), 'SyntaxError', e.msg, e.offset)
