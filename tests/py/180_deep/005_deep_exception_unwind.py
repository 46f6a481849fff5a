# an exception raised at depth 200,000 unwinds through every frame's finally and is caught at the top
import sys
sys.setrecursionlimit(300_000)
unwound = 0
def down(n):
    global unwound
    try:
        if n == 0:
            raise ValueError("bottom reached")
        return down(n - 1)
    finally:
        unwound += 1
try:
    down(200_000)
except ValueError as e:
    print(e, unwound)
def down_catch(n):
    if n == 0:
        raise KeyError("deep")
    if n == 100_000:
        try:
            return down_catch(n - 1)
        except KeyError as e:
            return "caught at 100000: " + str(e)
    return down_catch(n - 1)
print(down_catch(150_000))
