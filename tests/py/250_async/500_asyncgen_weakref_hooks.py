# asyncio keeps async generators in a WeakSet (firstiter hook): coroutines, async generators, re.Pattern, deque take weak references
import asyncio
async def agen():
    for i in range(3):
        await asyncio.sleep(0.01)
        yield i
async def agen_fut(fut):
    yield await fut
async def main():
    print([x async for x in agen()])
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.02, fut.set_result, 7)
    print([x async for x in agen_fut(fut)])
    r = asyncio.StreamReader()
    loop.call_later(0.02, r.feed_data, b"abc")
    loop.call_later(0.03, r.feed_eof)
    async def chunks(reader):
        while not reader.at_eof():
            yield await reader.read()
    print(b"".join([x async for x in chunks(r)]))
asyncio.run(main())
import weakref, re, collections
async def c(): pass
co = c()
for o in (co, agen(), re.compile("a"), collections.deque()):
    print(type(weakref.ref(o)()).__name__)
co.close()
