# sigint: SIGINT while a native (sorted/map/dict) runs Python callbacks
# hostile: sigint=0.5 timeout=20 expect=interrupted
import time
start = time.time()
def key(x):
    return -x
try:
    while time.time() - start < 8:
        sorted(range(50000), key=key)
        list(map(key, range(50000)))
        {i: key(i) for i in range(20000)}
    print("no interrupt")
except KeyboardInterrupt:
    print("interrupted")
