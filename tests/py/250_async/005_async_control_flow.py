# await inside try/finally, return/break/continue through async with, nested coroutines, tracebacks
import types


@types.coroutine
def pause(tag):
    got = yield tag
    return got


def run(coro):
    steps = []
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            print("  steps:", steps)
            return e.value
        steps.append(tag)
        value = len(steps)


class CM:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await pause("in " + self.name)
        return self.name

    async def __aexit__(self, *exc):
        await pause("out " + self.name)
        print("  exit", self.name, exc[0].__name__ if exc[0] else None)


async def early_return():
    async with CM("r") as n:
        return "returned from " + n


async def loop_control():
    out = []
    for i in range(4):
        async with CM("l%d" % i):
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
    return out


async def try_finally():
    try:
        try:
            await pause("body")
            raise ValueError("inner")
        finally:
            await pause("finally")
    except ValueError as e:
        r = await pause("handler " + str(e))
        return r


async def level3():
    return await pause("deep")


async def level2():
    return (await level3()) * 10


async def level1():
    a = await level2()
    b = await level2()
    return a + b


print(run(early_return()))
print(run(loop_control()))
print(run(try_finally()))
print(run(level1()))

# cr_await follows the chain of awaits
c = level1()
print(c.send(None))
print(type(c.cr_await).__name__, c.cr_await.cr_await.__qualname__, type(c.cr_await.cr_await.cr_await).__name__)
c.close()
print(c.cr_await)

# a coroutine suspended in an await is being awaited already
async def waiter(other):
    return await other

inner = level3()
outer1 = waiter(inner)
outer1.send(None)
outer2 = waiter(inner)
try:
    outer2.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
outer1.close()
outer2.close()

# an exception inside nested coroutines keeps its traceback frames
async def fails():
    await pause("x")
    return 1 // 0


async def calls_fails():
    return await fails()

import sys
c = calls_fails()
c.send(None)
try:
    c.send(None)
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)

# coroutines as methods, classmethods, lambdas returning coroutines, closures
class K:
    def __init__(self):
        self.v = 3

    async def get(self):
        return self.v + await pause("m")

    @classmethod
    async def make(cls):
        k = cls()
        k.v = await pause("c")
        return k


print(run(K().get()))
print(run(K.make()).v)


def make_adder(n):
    async def add(x):
        return x + n + await pause("closure")
    return add


print(run(make_adder(100)(1)))
f = lambda: level3()
print(run(f()))

# await in arguments, f-strings, comprehension conditions and boolean expressions
async def exprs():
    a = [await pause(i) for i in range(2) if await pause("c")]
    b = f"{await pause('f')}-{await pause('g')}"
    c = (await pause("x")) and (await pause("y"))
    d = max(await pause(1), await pause(2), key=lambda v: -v)
    return a, b, c, d


print(run(exprs()))

# uncaught error in a coroutine
async def boom():
    await pause(0)
    raise KeyError("uncaught")

run(boom())
