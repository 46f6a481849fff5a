# layout: __class__ assignment between exception classes of different layouts while raised
class E1(Exception): pass
class E2(OSError): pass
class E3(StopIteration): pass
class E4(SyntaxError): pass
class E5(KeyError): pass
for a in (E1, E2, E3, E4, E5):
    for b in (E1, E2, E3, E4, E5):
        try:
            try:
                raise a(1, 2)
            except Exception as e:
                e.__class__ = b
                raise
        except Exception as e:
            str(e)
            repr(e)
            e.args
