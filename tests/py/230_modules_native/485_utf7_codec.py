# utf-7 (_codecs.utf_7_encode/decode through the codec registry): encoding, errors, partial decoding of shift sequences
import codecs
tests = ['a+b', 'hello world', '\u20ac1', 'A\u2262\u0391.', '\U0001f600x', 'a-b+c~\\', '\ud800x', '', '+\u20ac-', '\x00\x7f', 'ab\u20acc-d', '\u20ac\u20ac\u20ac']
for t in tests:
    b = t.encode('utf-7')
    print(ascii(t), b, ascii(b.decode('utf-7')))
for b in [b'+AKM', b'+AKM-', b'a+', b'+2D3cAA-', b'+2D3cAA', b'+2D3', b'a\xffb', b'+!', b'+AKMx', b'+AKA-', b'+AK-', b'+2D3-x', b'+2D3cAA-x']:
    for errors in ('strict', 'replace', 'ignore'):
        try:
            print(b, errors, ascii(b.decode('utf-7', errors)))
        except UnicodeDecodeError as e:
            print(b, errors, 'UDE', e.encoding, e.start, e.end, e.reason)
    print('  partial', [codecs.utf_7_decode(b[:i], 'replace', False) for i in range(len(b) + 1)])
d = codecs.getincrementaldecoder('utf-7')()
print([d.decode(bytes([x])) for x in b'a+AKM-b+2D3cAA-'])
for raw in [b'a+IKwgrNgBA-b', b'a+2AE-b', b'a+IKzYAQ-b', b'a+2AHYAQ-b', b'+2AE', b'a+2AEgrA-b']:
    print(raw, ascii(raw.decode('utf-7', 'replace')))
    try: print(ascii(raw.decode('utf-7')))
    except Exception as e: print(repr(e))
