# sigint: SIGINT while a generator is suspended and finally blocks and __exit__ run
# hostile: sigint=0.5 timeout=20 expect=interrupted
import time
class CM:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
def gen():
    try:
        while True:
            yield 1
    finally:
        pass
start = time.time()
g = gen()
try:
    with CM():
        while time.time() - start < 8:
            next(g)
    print("no interrupt")
except KeyboardInterrupt:
    print("interrupted")
g.close()
