#!/usr/bin/env python3
"""Runs tests/memory/*.py under an address-space limit and compares the output.

usage: tests/memory/check.py INTERP            check INTERP against the .out files
       tests/memory/check.py --regen [PYTHON]  write the .out files with CPython 3.11

Each program runs as `bash -c 'ulimit -v 2000000; exec INTERP prog.py'` from its own
folder: every allocation that does not fit in 2 GB of address space must raise
MemoryError in the program (never abort the process), as it does in CPython under the
same limit. The expected stdout is CPython's; stderr must be empty and the exit status 0.
A binary built with AddressSanitizer cannot run under the limit (ASan reserves terabytes
of shadow memory): the check is skipped then (exit status 77, CTest's SKIP_RETURN_CODE).
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT_KIB = 2000000
SKIP = 77


def run(interp, prog):
    cmd = "ulimit -v %d; exec \"$0\" \"$1\"" % LIMIT_KIB
    return subprocess.run(["bash", "-c", cmd, interp, os.path.basename(prog)], cwd=HERE,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=600,
                          env=dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8"))


def is_asan(interp):
    with open(interp, "rb") as f:
        return b"__asan_init" in f.read()


def main():
    progs = sorted(glob.glob(os.path.join(HERE, "*.py")))
    progs = [p for p in progs if os.path.basename(p) != "check.py"]
    if len(sys.argv) >= 2 and sys.argv[1] == "--regen":
        python = sys.argv[2] if len(sys.argv) > 2 else "python3"
        version = subprocess.run([python, "-c", "import sys; print(sys.implementation.name, sys.version_info[:2])"],
                                 capture_output=True, text=True).stdout.strip()
        if version != "cpython (3, 11)":
            sys.exit("--regen needs CPython 3.11, got: " + version)
        for p in progs:
            r = run(python, p)
            if r.returncode != 0 or r.stderr:
                sys.exit("%s failed under CPython:\n%s" % (p, r.stderr.decode(errors="replace")))
            with open(p[:-3] + ".out", "wb") as f:
                f.write(r.stdout)
            print("wrote", p[:-3] + ".out")
        return 0
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    interp = os.path.abspath(sys.argv[1])
    if is_asan(interp):
        print("skipped: AddressSanitizer build (no address-space limit possible)")
        return SKIP
    failed = 0
    for p in progs:
        r = run(interp, p)
        with open(p[:-3] + ".out", "rb") as f:
            expected = f.read()
        problems = []
        if r.returncode != 0:
            problems.append("exit status %d" % r.returncode)
        if r.stderr:
            problems.append("stderr:\n" + r.stderr.decode(errors="replace")[-2000:])
        if r.stdout != expected:
            exp = expected.decode(errors="replace").splitlines()
            got = r.stdout.decode(errors="replace").splitlines()
            for i in range(max(len(exp), len(got))):
                e = exp[i] if i < len(exp) else "<missing>"
                g = got[i] if i < len(got) else "<missing>"
                if e != g:
                    problems.append("line %d:\n  expected: %s\n  got:      %s" % (i + 1, e, g))
                    break
        name = os.path.basename(p)
        if problems:
            failed += 1
            print("FAIL", name)
            for line in problems:
                print("  " + line)
        else:
            print("ok  ", name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
