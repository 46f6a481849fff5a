# exception propagating through several frames runs each finally in order
log = []
def level(n):
    try:
        if n == 0:
            raise LookupError("bottom")
        level(n - 1)
    finally:
        log.append(n)
try:
    level(5)
except LookupError as e:
    print(e, log)
def gen_cleanup():
    try:
        yield 1
        yield 2
    finally:
        log.append("gen cleanup")
log.clear()
g = gen_cleanup()
for x in g:
    try:
        raise ValueError(x)
    except ValueError:
        break
print(log)
g.close()
print(log)
