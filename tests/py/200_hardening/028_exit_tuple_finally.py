# SystemExit from sys.exit((5,)) passing through a finally block is normalized there: the status is 5
import sys


def leave():
    try:
        sys.exit((5,))
    finally:
        print("cleanup")


leave()
