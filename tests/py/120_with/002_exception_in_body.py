# exception in the with body reaches __exit__ with type/value/traceback and propagates
class CM:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit got", t.__name__ if t else None, repr(v), tb is not None)
        return None
try:
    with CM():
        raise ValueError("in body")
except ValueError as e:
    print("propagated", e)
def f():
    with CM():
        return "returned"
print(f())
for i in range(3):
    with CM():
        if i == 1:
            break
print("after break at", i)
for i in range(2):
    with CM():
        continue
