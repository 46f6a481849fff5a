# UnicodeDecode/Encode/TranslateError check their arguments as CPython; a decode error keeps any bytes-like object as bytes
for args in (('a', 1, 0, 1, 'r'), (1, b'x', 0, 1, 'r'), ('a', b'x', 'q', 1, 'r'), ('a', b'x', 0, 1, 2), ('a', memoryview(b'ab'), 0, 1, 'r'), ('ascii', bytearray(b'\xff'), 0, 1, 'ordinal not in range')):
    try: e = UnicodeDecodeError(*args); print(repr(e.object), str(e))
    except Exception as e: print(type(e).__name__, e)
for args in (('a', b'x', 0, 1, 'r'), (1, 'x', 0, 1, 'r'), ('a', 'x', 0, 1, 'r')):
    try: e = UnicodeEncodeError(*args); print(repr(e.object), str(e))
    except Exception as e: print(type(e).__name__, e)
for args in (('x', 0, 1, 'r'), (b'x', 0, 1, 'r'), ('x', 0, 1, None)):
    try: e = UnicodeTranslateError(*args); print(repr(e.object), str(e))
    except Exception as e: print(type(e).__name__, e)
