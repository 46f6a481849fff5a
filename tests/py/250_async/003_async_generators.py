# async generators: __anext__/asend/athrow/aclose awaitables, ag_* attributes, errors
import types


@types.coroutine
def pause(tag):
    got = yield tag
    return got


def run(coro):
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            return e.value
        print("  loop got", tag)
        value = "reply"


async def agen(n):
    for i in range(n):
        r = await pause("awaiting %d" % i)
        got = yield i
        print("  agen got", got, r)
    print("  agen end")


g = agen(2)
print(type(g).__name__, g.__name__, repr(g).startswith("<async_generator object agen at 0x"))
print(agen.__code__.co_flags & 0x200 != 0, g.ag_running, g.ag_await, g.ag_code is agen.__code__)
print(g.__aiter__() is g)


async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    return out


print(run(consume()))

# asend() with values, by hand
async def by_hand():
    g = agen(3)
    print(await g.__anext__())
    print(await g.asend("sent1"))
    try:
        print(await g.athrow(ValueError("thrown")))
    except ValueError as e:
        print("athrow raised", e)
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("still exhausted")


run(by_hand())


async def catching():
    try:
        yield 1
    except KeyError:
        yield "handled"
    finally:
        print("  cleanup")


async def athrow_handled():
    g = catching()
    print(await g.__anext__())
    print(await g.athrow(KeyError))
    print(await g.aclose())
    print(await g.aclose())


run(athrow_handled())


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def aclose_ignored():
    g = stubborn()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)


run(aclose_ignored())


# awaitables cannot be reused
async def reuse():
    g = agen(1)
    a = g.__anext__()
    print(await a)
    try:
        await a
    except RuntimeError as e:
        print("RuntimeError:", e)
    await g.aclose()


run(reuse())


# StopAsyncIteration raised inside becomes RuntimeError
async def bad_stop():
    yield 1
    raise StopAsyncIteration


async def run_bad_stop():
    g = bad_stop()
    await g.__anext__()
    try:
        await g.__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e)


run(run_bad_stop())

# driving the awaitables directly
g = agen(1)
a = g.asend(None)
print(type(a).__name__, a.__await__() is a)
print(a.send(None))
try:
    a.send("x")
except StopIteration as e:
    print("StopIteration value", e.value)
t = g.aclose()
print(type(t).__name__)
try:
    t.send(None)
except StopIteration as e:
    print("aclose done", e.value)

# async generator expression in an async function
async def agenexp():
    ge = (x * 2 async for x in agen(2))
    return [v async for v in ge]


print(run(agenexp()))
