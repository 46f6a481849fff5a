# cleanup: sys.excepthook / sys.stdout / sys.stderr replaced by junk before an uncaught exception
import sys
class W:
    def write(self, s):
        raise KeyError
    def flush(self):
        raise ValueError
sys.excepthook = 5
real = sys.stdout
sys.stdout = W()
try:
    print("hidden")
except KeyError:
    pass
sys.stdout = None
print("none")
sys.stdout = real
sys.stderr = W()
raise ValueError("uncaught")
