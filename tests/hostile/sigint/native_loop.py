# sigint: SIGINT while natives run long loops (sorting, big-int math, list building) is delivered
# hostile: sigint=0.5 timeout=20 expect=interrupted
import time
start = time.time()
try:
    while time.time() - start < 8:
        sorted(range(200000, 0, -1))
        x = 3 ** 100000
        L = [0] * 100000
    print("no interrupt")
except KeyboardInterrupt:
    print("interrupted")
