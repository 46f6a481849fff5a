# aiter()/anext() builtins, anext with a default over multi-step awaits
import types


@types.coroutine
def pause():
    yield "pause"


async def ag():
    await pause()
    yield 1
    await pause()
    yield 2
    await pause()


async def main():
    it = aiter(ag())
    a = await anext(it)
    b = await anext(it, "dflt")
    c = await anext(it, "dflt")
    try:
        await anext(it)
    except StopAsyncIteration:
        d = "stop"
    return a, b, c, d


def run(c):
    n = 0
    while True:
        try:
            c.send(None)
            n += 1
        except StopIteration as e:
            return e.value, n


print(run(main()))
for bad in (1, [1]):
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    anext(1)
except TypeError as e:
    print("TypeError:", e)
aw = anext(ag(), None)
print(type(aw).__name__)
print(aw.send(None))
aw.close()
