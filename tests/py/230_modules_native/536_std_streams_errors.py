# The error handlers of the standard streams: surrogateescape for stdin/stdout in the C,
# POSIX and C.UTF-8 locales, backslashreplace for stderr; PYTHONIOENCODING=enc[:errors]
# (an encoding without errors means strict; stderr keeps backslashreplace).
import os
import subprocess
import sys

code = "import sys; print(sys.stdin.errors, sys.stdout.errors, sys.stderr.errors)"
for loc in ("C", "POSIX", "C.UTF-8"):
    for ioenc in (None, "", ":", "utf-8", "utf-8:", ":ignore", "ascii:replace"):
        env = dict(os.environ, LC_ALL=loc, PYTHONCOERCECLOCALE="0")
        env.pop("PYTHONIOENCODING", None)
        if ioenc is not None:
            env["PYTHONIOENCODING"] = ioenc
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout
        print(loc, repr(ioenc), out.strip())

env = dict(os.environ, PYTHONIOENCODING=":surrogateescape")
out = subprocess.run([sys.executable, "-c", "print(chr(0xdcbd))"], env=env, capture_output=True).stdout
print(out.strip())
env = dict(os.environ, PYTHONIOENCODING="ascii:replace")
out = subprocess.run([sys.executable, "-c", "print(chr(0xa2))"], env=env, capture_output=True).stdout
print(out.strip())
