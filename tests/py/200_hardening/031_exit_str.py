# sys.exit("message") writes the message and a newline to sys.stderr, status 1
import sys
print("stdout first")
sys.exit("fatal: something went wrong\nsecond line")
