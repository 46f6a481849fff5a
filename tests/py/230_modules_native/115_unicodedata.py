# unicodedata: properties over a sample of the code space, names, lookup, normalization, errors
import unicodedata as u

print(u.unidata_version)
summary = {}
for cp in range(0, 0x32000, 7):
    ch = chr(cp)
    key = (u.category(ch), u.bidirectional(ch), u.east_asian_width(ch), u.mirrored(ch), u.combining(ch),
           u.decimal(ch, None), u.digit(ch, None), u.numeric(ch, None), len(u.decomposition(ch)))
    summary[key] = summary.get(key, 0) + 1
print(len(summary), sum(summary.values()))
print(sorted(summary.items(), key=lambda kv: (-kv[1], repr(kv[0])))[:12])
for ch in ['A', 'a', '1', '\u00bd', '\u2167', '\u0663', '\u00e9', '\ufb01', '(', '\u0301', '\u4e00', '\U0001f600', '\u00b2', '\uac00']:
    print(ascii(ch), u.category(ch), u.bidirectional(ch), u.east_asian_width(ch), u.mirrored(ch), u.combining(ch),
          u.decimal(ch, -1), u.digit(ch, -1), u.numeric(ch, -1), u.decomposition(ch), u.name(ch, '?'))
print(u.lookup('LATIN SMALL LETTER E WITH ACUTE'), ascii(u.lookup('latin capital letter a')), u.lookup('EURO SIGN'))
for form in ['NFC', 'NFD', 'NFKC', 'NFKD']:
    s = 'e\u0301\ufb01\u00bd\u1e9b\u0323'
    print(form, ascii(u.normalize(form, s)), u.is_normalized(form, s), u.is_normalized(form, u.normalize(form, s)))
for call in [lambda: u.category(1), lambda: u.category('ab'), lambda: u.name('\x00'), lambda: u.lookup('NO SUCH'),
             lambda: u.normalize('X', 'a'), lambda: u.decimal('a'), lambda: u.digit('a'), lambda: u.numeric('a'),
             lambda: u.normalize('NFC', 1), lambda: u.lookup(1)]:
    try:
        print(call())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
