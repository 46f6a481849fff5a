# sys.exit(None) and sys.exit() exit with status 0 and print nothing to stderr
import sys
print("exiting cleanly")
sys.exit(None)
