# sys.exit((5,)) reaching the top level through frames without a handler: CPython reports the tuple itself, status 1
import sys


def leave():
    sys.exit((5,))


def gen():
    yield 1
    leave()


try:
    pass
finally:
    print("finally without an exception")
for x in gen():
    print("got", x)
