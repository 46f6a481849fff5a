# json.loads through the native _json scanner: values, hooks, memo, positions and every error message
import json, _json
from collections import OrderedDict
from decimal import Decimal

print(json.decoder.scanstring is _json.scanstring, json.scanner.make_scanner is _json.make_scanner)
docs = ['{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}', '  [ ]  ', '{}', '"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"',
        '[1E5, 0.5e-3, -0, 0, 12345678901234567890123, 1e400, -1e400, 2e-400]', '[NaN, Infinity, -Infinity]',
        '{"ключ": "значение", "emoji": "😀", "x": "\\u20ac"}', '"\\ud800"', '"\\ud800\\u0041"', '[1.0, 1.5, 100.0]']
for d in docs:
    print(repr(json.loads(d)))
print(json.loads('{"a": 1, "b": 2}', object_pairs_hook=OrderedDict))
print(json.loads('{"a": 1, "b": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.1, 2, {"x": 3.3}]', parse_float=Decimal, parse_int=lambda s: "int:" + s))
print(json.loads('[NaN, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('{"a": 1, "a": 2}'))
r = json.loads('[{"key": 1}, {"key": 2}]')
print(list(r[0])[0] is list(r[1])[0])
print(json.loads('"a\tb"', strict=False))
print(json.loads(b'{"bytes": [1]}'))
dec = json.JSONDecoder()
print(dec.raw_decode('  [1, 2] tail'[2:]), dec.scan_once('  {"a": 1}', 2))
print(_json.scanstring('"abc" rest', 1), _json.scanstring('xx"é\\u00e9"', 3))
s = _json.make_scanner(dec)
print(s.strict, s.object_hook, s.parse_float, s.parse_constant is dec.parse_constant)

bad = ['[', '[1', '[1,', '{', '{"a"', '{"a":', '{"a":1', '{"a":1,', '"abc', '"a\\x"', '"\\u12"', '"\\u12x4"',
       '[1,]', 'x', '"a\nb"', '1 2', '-', '-x', 'nul', '[1 2]', '{"a" 1}', '{1:2}', '"\\ud800\\u12"', '"\\',
       '"\\u1234', '"\\ud800\\u', '"\\ud800\\udc0', '"\\ud800\\x', '', '   ', '[\n1,\n2\n,]', '{"é": "ü"  x}',
       '[01]', '[1.]', '[.5]', '[1e]', '[-]', '[tru]', '"\x00"', '\ufeff[]', '[1]]']
for b in bad:
    try:
        json.loads(b)
        print(repr(b), "no error")
    except json.JSONDecodeError as e:
        print(repr(b), "->", e, "|", e.pos, e.lineno, e.colno)
for call in [lambda: _json.scanstring(1, 0), lambda: _json.scanstring("x", 5), lambda: s(1, 0), lambda: s("x", -1),
             lambda: s("", 0), lambda: s("abc", 5), lambda: json.loads('1' * 5000)]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e, getattr(e, 'value', ''))
print(json.loads('[5e-324, 2.2250738585072014e-308, 1e-310, 1.7976931348623157e308, 1e309, -4.9e-324, 0.1e-400, 123456789012345678, -1234567890123456789, 0.30000000000000004]'))
