# _locale: setlocale queries and errors, localeconv, nl_langinfo, getencoding, strcoll/strxfrm
import _locale as l

print(l.setlocale(l.LC_CTYPE), l.getencoding(), l.nl_langinfo(l.CODESET))
print(l.setlocale(l.LC_NUMERIC, 'C'), l.setlocale(l.LC_NUMERIC))
conv = l.localeconv()
print(sorted(conv.items()))
print(l.nl_langinfo(l.RADIXCHAR), repr(l.nl_langinfo(l.THOUSEP)), l.nl_langinfo(l.DAY_1), l.nl_langinfo(l.ABMON_12),
      l.nl_langinfo(l.D_T_FMT), l.nl_langinfo(l.YESEXPR))
print(l.strcoll('a', 'b') < 0, l.strcoll('b', 'a') > 0, l.strcoll('x', 'x'), l.strxfrm('abc'))
for call in [lambda: l.setlocale(99), lambda: l.setlocale(l.LC_ALL, 'xx_YY'), lambda: l.nl_langinfo(99999),
             lambda: l.setlocale(l.LC_ALL, 5), lambda: l.strcoll('a', 1), lambda: l.strcoll('a\0', 'b')]:
    try:
        print(call())
    except (l.Error, ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(l.Error.__mro__, l.CHAR_MAX, l.LC_ALL, l.LC_CTYPE, l.LC_NUMERIC, l.LC_TIME, l.LC_COLLATE, l.LC_MONETARY, l.LC_MESSAGES)
print(l.gettext('hello'), l.dgettext(None, 'x'), l.textdomain(None))
