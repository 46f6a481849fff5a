# exceptions raised inside generators propagate to the consumer; generator is finished afterwards
def g():
    yield 1
    raise ValueError("inside")
    yield 2
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print("consumer caught", e)
print(list(it))
def h():
    try:
        yield 1
    finally:
        print("h cleanup")
for x in h():
    print("got", x)
def gen_with_handler():
    for i in range(3):
        try:
            yield 10 // (1 - i)
        except ZeroDivisionError:
            print("generator caught its own ZeroDivisionError")
r = gen_with_handler()
print(next(r))
print(next(r))
print(next(r, "end"))
def consumer_error():
    try:
        yield 1
        yield 2
    except ValueError:
        print("not reached: consumer exceptions do not enter the generator")
    finally:
        print("consumer_error finally")
ce = consumer_error()
try:
    for v in ce:
        raise ValueError(v)
except ValueError as e:
    print("consumer raised", e)
ce.close()
