# funcattr: giving a closure's code to a function without cells and vice versa
def outer():
    a = 1
    b = 2
    def clo():
        return a + b
    return clo
c = outer()
def plain():
    return 0
for src, dst in ((c, plain), (plain, c)):
    try:
        dst.__code__ = src.__code__
        dst()
    except (ValueError, TypeError, NameError):
        pass
try:
    c.__closure__ = ()
except (AttributeError, TypeError):
    pass
c()
