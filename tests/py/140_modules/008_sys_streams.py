# sys.stdout.write returns length, sys.stderr.write, flush, print to both streams interleaved
import sys
n = sys.stdout.write("written\n")
print(n)
m = sys.stderr.write("err line\n")
print(m)
sys.stdout.write("é\n")
sys.stdout.flush()
sys.stderr.flush()
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__, hasattr(sys.stdin, "readline"))
print(sys.stdout.encoding.lower().replace("-", ""), sys.stdout.isatty() in (True, False))
print("last", file=sys.stderr)
