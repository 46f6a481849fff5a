# _string: formatter_parser and formatter_field_name_split as string.Formatter uses them
import _string

for s in ['', 'plain', 'a{0}b', '{}', '{name!r:>10}', '{0[1].x:{w}}', 'x{{y}}z', '{{', '}}', 'a{b!s}c',
          '{:{}{}}', '{0.a[b]!a}', '{x[}]}', 'é{ü}', '{!r}']:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ['{', '}', 'a}b', '{0', '{0!', '{0!r', '{0!rx}', '{a{b}', '{0:', 'x{0[}']:
    try:
        print(repr(s), list(_string.formatter_parser(s)))
    except ValueError as e:
        print(repr(s), 'ValueError', e)
for s in ['', 'a', '0', '12', 'a.b[c][0]', '0[1].x', 'a[x.y]', 'a.b.c', '01']:
    first, rest = _string.formatter_field_name_split(s)
    print(repr(s), repr(first), list(rest))
for s in ['a.', 'a[', 'a[]', 'a[0]x', '99999999999999999999999', 'a[99999999999999999999999]']:
    try:
        first, rest = _string.formatter_field_name_split(s)
        print(repr(s), repr(first), list(rest))
    except ValueError as e:
        print(repr(s), 'ValueError', e)
it = _string.formatter_parser('a{0}')
print(iter(it) is it, next(it), next(it, 'end'))
for call in [lambda: _string.formatter_parser(1), lambda: _string.formatter_parser(), lambda: _string.formatter_field_name_split(b'x')]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
