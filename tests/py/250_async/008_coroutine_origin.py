# sys.set/get_coroutine_origin_tracking_depth and cr_origin: where each coroutine was created, innermost first
import sys

async def work():
    return 1

def make():
    return work()

def outer():
    return make()

def show(c):
    o = c.cr_origin
    print(None if o is None else [(f.rsplit("/", 1)[-1], line, name) for f, line, name in o])
    c.close()

print(sys.get_coroutine_origin_tracking_depth())
show(outer())
sys.set_coroutine_origin_tracking_depth(2)
print(sys.get_coroutine_origin_tracking_depth())
show(outer())
sys.set_coroutine_origin_tracking_depth(10)
show(outer())
show(work())
sys.set_coroutine_origin_tracking_depth(0)
show(outer())
for bad in (-1, "2", 2.0, 2**100):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(depth=1)
show(make())
sys.set_coroutine_origin_tracking_depth(0)

# A coroutine driven to the end keeps its origin; generators have none.
sys.set_coroutine_origin_tracking_depth(1)
c = work()
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value, c.cr_origin[0][2])
print(hasattr((x for x in ()), "cr_origin"))
sys.set_coroutine_origin_tracking_depth(0)
