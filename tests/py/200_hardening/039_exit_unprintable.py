# sys.exit(obj) whose str() raises: only the newline reaches stderr, status 1
import sys


class Bad:
    def __str__(self):
        raise ValueError("no str")


print("exiting")
sys.exit(Bad())
