# uncaught exception with no message and an exception class raised (not instance)
def check(items):
    if not items:
        raise IndexError
    return items[0]

check([1])
check([])
