# _contextvars: ContextVar get/set/reset with tokens, Context.run isolation, mapping API, errors
import _contextvars as c

v = c.ContextVar('v', default=1)
w = c.ContextVar('w')
print(repr(v).startswith("<ContextVar name='v' default=1 at 0x"), v.name, v.get(), repr(w).startswith("<ContextVar name='w' at"))
t = v.set(5)
print(repr(t).startswith('<Token var=<ContextVar name='), t.var is v, t.old_value is c.Token.MISSING, c.Token.MISSING, v.get())
try:
    w.get()
except LookupError as e:
    print('LookupError', e.args[0] is w)
print(w.get(7), w.get(None))
ctx = c.copy_context()
print(type(ctx).__name__, len(ctx), v in ctx, w in ctx, ctx[v], list(ctx.keys()) == [v], list(ctx.values()), ctx.get(w, 'd'), ctx.get(w))
def f(x):
    v.set(x)
    w.set('in')
    return v.get(), w.get()
print(ctx.run(f, 10), v.get(), ctx[v], ctx[w], w.get('outside'))
print(len(ctx), sorted(k.name for k in ctx), sorted((k.name, val) for k, val in ctx.items()))
t2 = v.set(6)
print(t2.old_value, v.get())
v.reset(t2)
print(v.get())
v.reset(t)
print(v.get())
print(c.Context().__len__(), c.ContextVar[int], c.copy_context() == c.copy_context())
ctx2 = c.copy_context()
t3 = ctx2.run(v.set, 99)
print(ctx2[v], v.get())
for call in [lambda: v.reset(t), lambda: w.reset(t3), lambda: v.reset(t3), lambda: ctx.run(lambda: ctx.run(len, [])),
             lambda: c.ContextVar(1), lambda: ctx[w] if False else c.Context()[w], lambda: ctx[1],
             lambda: c.Token(), lambda: c.Context(1)]:
    try:
        print(call())
    except (RuntimeError, ValueError, TypeError, KeyError) as e:
        print(type(e).__name__, str(e).split(' at 0x')[0])
def nested():
    v.set('outer run')
    inner = c.copy_context()
    inner.run(v.set, 'inner run')
    return v.get(), inner[v]
print(c.copy_context().run(nested), v.get())
