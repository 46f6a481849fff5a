# unicodedata.ucd_3_2_0 (Unicode 3.2.0 view): properties, names, lookup without aliases, normalization, idna/stringprep
import unicodedata, stringprep
u = unicodedata.ucd_3_2_0
print(type(u).__name__, type(u).__module__, u.unidata_version, unicodedata.unidata_version, isinstance(u, unicodedata.UCD))
for ch in ['a', '\u0870', '\u20ac', '\u0221', '\u2ff0', '\u3099', '\u00bd', '\u0663', '\U00020000', '\U0001f600', '\u2028', '\u0f33', '\u1dc0']:
    print(ascii(ch), u.category(ch), unicodedata.category(ch), repr(u.bidirectional(ch)), u.east_asian_width(ch),
          u.mirrored(ch), u.combining(ch), unicodedata.combining(ch), u.decimal(ch, None), u.digit(ch, None),
          u.numeric(ch, None), repr(u.decomposition(ch)), u.name(ch, None))
for name in ['LATIN SMALL LETTER A', 'latin small letter a', 'SPARKLE', 'LATIN CAPITAL LETTER GHA', 'KEYCAP NUMBER SIGN', 'EURO SIGN', 'CJK UNIFIED IDEOGRAPH-4E00']:
    for db in (u, unicodedata):
        try:
            print(name, ascii(db.lookup(name)))
        except KeyError as e:
            print(name, 'KeyError', e)
for form in ('NFC', 'NFD', 'NFKC', 'NFKD'):
    for s in ['\u00e9', 'e\u0301', '\ufb01', '\u2f868', '\U0002f868', 'a\u0870\u0301', '\u1e9b\u0323']:
        print(form, ascii(s), ascii(u.normalize(form, s)), ascii(unicodedata.normalize(form, s)), u.is_normalized(form, s))
try:
    unicodedata.UCD()
except TypeError as e:
    print('TypeError', e)
try:
    u.name('\u0870')
except ValueError as e:
    print('ValueError', e)
print('bücher.de'.encode('idna'), b'xn--bcher-kva.de'.decode('idna'), 'ＡＢＣ.com'.encode('idna'))
print(stringprep.in_table_b1('\u00ad'), stringprep.map_table_b2('\u00c5'), stringprep.in_table_c22('\u2028'))
print('münchen'.encode('punycode'), b'mnchen-3ya'.decode('punycode'))
