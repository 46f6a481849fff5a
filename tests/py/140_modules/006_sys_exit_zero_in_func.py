# SystemExit raised deep in calls unwinds through handlers that catch Exception only
import sys
def deep(n):
    if n == 0:
        sys.exit(0)
    try:
        deep(n - 1)
    except Exception:
        print("wrong: Exception caught SystemExit")
    finally:
        print("unwinding", n)
deep(3)
