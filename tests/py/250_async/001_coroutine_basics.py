# coroutine objects: async def, await, send/throw/close, attributes and CPython's errors
import sys


def run(coro):
    # Drive a coroutine by hand until it returns.
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def add(a, b):
    return a + b


async def outer():
    x = await add(1, 2)
    y = await add(x, 10)
    return [x, y]


print(run(outer()))
c = add(3, 4)
print(type(c).__name__, c.__name__, c.__qualname__)
print(repr(c).startswith("<coroutine object add at 0x"))
print(add.__code__.co_flags & 0x80 != 0, add.__code__.co_flags & 0x20)
print(c.cr_running, c.cr_await, c.cr_code is add.__code__, c.cr_frame is not None)
print(run(c))
print(c.cr_frame)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


class Suspend:
    # An awaitable that suspends once, handing `tag` to the driver.
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return (self.tag, got)


async def chain():
    a = await Suspend("first")
    b = await Suspend("second")
    return a, b


c = chain()
print(c.send(None))
print(c.cr_await is not None, type(c.cr_await).__name__)
print(c.send("A"))
try:
    c.send("B")
except StopIteration as e:
    print("done", e.value)

# throw() into a suspended coroutine reaches the await point
async def catcher():
    try:
        await Suspend(1)
    except ValueError as e:
        return "caught " + str(e)

c = catcher()
c.send(None)
try:
    c.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)

# close() and GeneratorExit
async def closer():
    try:
        await Suspend(1)
    finally:
        print("finally ran")

c = closer()
c.send(None)
print(c.close())

async def stubborn():
    ignored = False
    while True:
        try:
            await Suspend(1)
        except GeneratorExit:
            if ignored:
                return
            ignored = True

c = stubborn()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError:", e)


# await errors
async def bad(x):
    return await x

for obj in (1, "s", None):
    try:
        run(bad(obj))
    except TypeError as e:
        print("TypeError:", e)


class BadAwait:
    def __await__(self):
        return 42

try:
    run(bad(BadAwait()))
except TypeError as e:
    print("TypeError:", e)


made = []


class CoroAwait:
    def __await__(self):
        made.append(add(1, 2))
        return made[-1]

try:
    run(bad(CoroAwait()))
except TypeError as e:
    print("TypeError:", e)
made[0].close()

# a coroutine cannot be awaited twice
c = add(1, 1)
print(run(bad(c)))
try:
    run(bad(c))
except RuntimeError as e:
    print("RuntimeError:", e)

c = add(1, 1)
try:
    c.send(5)
except TypeError as e:
    print("TypeError:", e)
c.close()

# __await__ gives a coroutine_wrapper
c = chain()
w = c.__await__()
print(type(w).__name__, iter(w) is w)
print(next(w), w.send(1))
try:
    w.send(2)
except StopIteration as e:
    print("wrapper done", e.value)

# StopIteration inside a coroutine becomes RuntimeError
async def raises_stop():
    raise StopIteration(5)

try:
    run(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

# not iterable
c = add(1, 2)
try:
    iter(c)
except TypeError as e:
    print("TypeError:", e)
c.close()
