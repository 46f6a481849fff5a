# sigint: SIGINT during time.sleep raises KeyboardInterrupt out of the sleep
# hostile: sigint=0.5 timeout=20 expect=interrupted
import time
try:
    time.sleep(8)
    print("no interrupt")
except KeyboardInterrupt:
    print("interrupted")
