# case methods: upper, lower, capitalize, title, swapcase, casefold, is* predicates
s = "hello World 123 ßtraße"
print(s.upper(), "|", s.lower(), "|", s.capitalize(), "|", s.title(), "|", s.swapcase(), "|", s.casefold())
print("they're bill's".title(), "ǅ".lower(), "ﬁ".upper())
for t in ["abc", "ABC", "Abc Def", "123", "12.5", "   ", "", "a1", "\t\n", "ⅷ", "٣", "abc_def", "_x1", "1x"]:
    print(repr(t), t.isalpha(), t.isdigit(), t.isalnum(), t.isspace(), t.isupper(), t.islower(),
          t.istitle(), t.isdecimal(), t.isnumeric(), t.isidentifier(), t.isprintable(), t.isascii())
