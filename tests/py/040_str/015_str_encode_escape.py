# repr escaping rules: quotes choice, control chars, unicode printable vs not
tests = ["plain", "it's", 'say "x"', "both'\"", "\t\r\n", "\x7f\x80\x9f\xa0", "\u00ad", "é\u0301", "\uffff", "\U0010ffff", "\\"]
for t in tests:
    print(repr(t), ascii(t), len(t))
