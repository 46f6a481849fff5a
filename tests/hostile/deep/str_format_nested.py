# deep: deeply nested str.format fields and format specs

for s in ("{" * 100000 + "}" * 100000, "{0:{0:{0:{0:{0:{0}}}}}}", "{:" + "{" * 50000 + "}",
          "%(" * 100000, "{0" + "[0]" * 100000 + "}", "{0" + ".a" * 100000 + "}"):
    try:
        s.format([[0]])
    except (ValueError, IndexError, KeyError, RecursionError, AttributeError, TypeError):
        pass
    try:
        s % {}
    except (ValueError, TypeError, KeyError):
        pass
