#!/usr/bin/env python3
"""check.py SLPY PROG.py [ARG...]: runs PROG.py with SLPY from its own folder and compares
its standard output byte for byte with PROG.out and its exit status with PROG.rc (0 when
absent), like ../shared/conformance/run.sh does for the conformance programs. Standard
error is not compared (tracebacks, "Exception ignored" reports). Arguments are passed to
the program and name its expected files: PROG.ARG1-ARG2.out (and .rc)."""
import os
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        print("usage: check.py SLPY PROG.py [ARG...]", file=sys.stderr)
        return 2
    slpy = os.path.abspath(sys.argv[1])
    prog = os.path.abspath(sys.argv[2])
    args = sys.argv[3:]
    base = prog[:-3] + ("." + "-".join(args) if args else "")
    with open(base + ".out", "rb") as f:
        expected = f.read()
    rc_expected = 0
    if os.path.exists(base + ".rc"):
        with open(base + ".rc") as f:
            rc_expected = int(f.read().strip())
    try:
        p = subprocess.run([slpy, os.path.basename(prog)] + args, cwd=os.path.dirname(prog),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=int(os.environ.get("SLPY_CHECK_TIMEOUT", "100")))
    except subprocess.TimeoutExpired:
        print("FAIL %s: timeout" % prog)
        return 1
    ok = True
    if p.stdout != expected:
        ok = False
        print("FAIL %s: stdout differs" % prog)
        import difflib
        for line in difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                         p.stdout.decode(errors="replace").splitlines(),
                                         "expected", "slpy", lineterm=""):
            print(line)
    if p.returncode != rc_expected:
        ok = False
        print("FAIL %s: exit status %d, expected %d" % (prog, p.returncode, rc_expected))
    if not ok:
        sys.stdout.write(p.stderr.decode(errors="replace")[-3000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
