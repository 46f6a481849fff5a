# async with / async for / async comprehensions, driven by a tiny trampoline
import types


@types.coroutine
def pause(tag):
    # A generator-based coroutine (CO_ITERABLE_COROUTINE): yields to the scheduler.
    got = yield tag
    return got


def run(coro, log=None):
    # Drives `coro`, answering each yielded tag with its upper-case form.
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            return e.value
        if log is not None:
            log.append(tag)
        value = tag.upper() if isinstance(tag, str) else tag


class Manager:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        r = await pause("enter " + self.name)
        print("entered", self.name, r)
        return self

    async def __aexit__(self, typ, val, tb):
        await pause("exit " + self.name)
        print("exit", self.name, typ.__name__ if typ else None, val)
        return self.swallow


async def use_managers():
    async with Manager("a") as a, Manager("b") as b:
        print("body", a.name, b.name)
    async with Manager("c", swallow=True):
        raise ValueError("swallowed")
    try:
        async with Manager("d"):
            raise KeyError("kept")
    except KeyError as e:
        print("caught", repr(e))
    for i in range(3):
        async with Manager("loop%d" % i):
            if i == 1:
                break
    return "managers done"


log = []
print(run(use_managers(), log))
print(log)


class Ticker:
    # An async iterator: __aiter__ returns self, __anext__ is a coroutine.
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await pause("tick")
        return self.i


async def use_for():
    out = []
    async for x in Ticker(3):
        out.append(x)
    else:
        out.append("else")
    async for x in Ticker(5):
        if x == 2:
            continue
        if x == 4:
            break
        out.append(x * 10)
    else:
        out.append("not reached")
    return out


print(run(use_for()))


async def comprehensions():
    a = [x async for x in Ticker(3)]
    b = {x: x * x async for x in Ticker(3) if x != 2}
    c = {x async for x in Ticker(2)}
    d = [await pause(str(x)) for x in range(3)]
    e = [(x, y) async for x in Ticker(2) for y in "ab"]
    g = (x + 1 async for x in Ticker(3))
    print(type(g).__name__)
    f = [v async for v in g]
    return a, b, c, d, e, f


print(run(comprehensions()))


# errors of the protocols
async def bad_with(obj):
    async with obj:
        pass


async def bad_for(obj):
    async for x in obj:
        pass


class NoAexit:
    async def __aenter__(self):
        return 1


class BadAenter:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class NoAnext:
    def __aiter__(self):
        return 1


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


for coro in (bad_with(1), bad_with(NoAexit()), bad_with(BadAenter()), bad_for(1), bad_for(NoAnext()), bad_for(BadAnext()), bad_for([1])):
    try:
        run(coro)
    except TypeError as e:
        print("TypeError:", e, "| cause:", type(e.__cause__).__name__ if e.__cause__ else None)

# exceptions other than StopAsyncIteration propagate out of async for
class Failing:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise KeyError("from anext")


async def use_failing():
    try:
        async for x in Failing():
            pass
    except KeyError as e:
        return "KeyError " + str(e)


print(run(use_failing()))
print(type(pause("x")).__name__, pause.__code__.co_flags & 0x100 != 0)
