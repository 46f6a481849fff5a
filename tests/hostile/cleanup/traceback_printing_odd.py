# cleanup: an uncaught exception whose __str__ returns non-str and whose class has an odd __module__/__name__
class E(Exception):
    def __str__(self):
        return 5
E.__module__ = 7
try:
    E.__name__ = ""
except TypeError:
    pass
class F(Exception):
    pass
try:
    raise F("a" * 100000)
except F:
    pass
raise E("boom")
