# sigint: SIGINT during a pure-Python busy loop must raise KeyboardInterrupt (caught here)
# hostile: sigint=0.5 timeout=20 expect=interrupted
import time
start = time.time()
try:
    while time.time() - start < 8:
        pass
    print("no interrupt")
except KeyboardInterrupt:
    print("interrupted")
