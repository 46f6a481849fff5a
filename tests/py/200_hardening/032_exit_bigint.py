# sys.exit(2**70): an int that does not fit a C long becomes -1, status 255
import sys
print("exiting")
sys.exit(2 ** 70)
