# compile-time rules of async code: CPython 3.11's SyntaxError messages and code flags
sources = [
    "await x",
    "def f():\n    await x\n",
    "lambda: await x",
    "def f():\n    async with x:\n        pass\n",
    "def f():\n    async for x in y:\n        pass\n",
    "def f():\n    return [x async for x in y]\n",
    "async def f():\n    yield 1\n    return 2\n",
    "async def f():\n    yield from x\n",
    "[x async for x in y]",
    "async def f():\n    def g():\n        await z\n",
    "class C:\n    await x\n",
    "async def f():\n    x = [await y for y in z]\n",
    "async def f():\n    async with a as b, c:\n        pass\n",
    "async def f():\n    return (await x) ** 2 + await y\n",
    "def f():\n    return (x async for x in y)\n",
    "async def f():\n    yield\n    return\n",
]
for src in sources:
    try:
        code = compile(src, "<test>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
    else:
        fn = [c for c in code.co_consts if hasattr(c, "co_flags")]
        print("ok", [hex(c.co_flags & 0x3a0) for c in fn])

async def f():
    pass

import dis
print([name for name in ("GET_AWAITABLE", "GET_AITER", "GET_ANEXT", "BEFORE_ASYNC_WITH", "END_ASYNC_FOR", "ASYNC_GEN_WRAP") if name in dis.opmap])
c = f()
c.close()
print(c.cr_frame, c.cr_running)
