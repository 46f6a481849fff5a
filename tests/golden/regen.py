#!/usr/bin/env python3
"""Regenerate the expected outputs of the golden tests with CPython 3.11.

usage: tests/golden/regen.py [--python PYTHON] [TEST.py | GLOB ...]

For every test (default: all of tests/py/**/*.py) runs CPython exactly the way
check.py runs slpy and writes NAME.out (always), NAME.err (only if stderr is
non-empty) and NAME.rc (only if the exit status is non-zero); stale .err/.rc
files are deleted.  Refuses to run with anything but CPython 3.11.
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep tests/golden free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402


def check_python(python):
    try:
        info = subprocess.run(
            [python, "-c", "import sys, platform; print(platform.python_implementation(), *sys.version_info[:2])"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=gc.test_env(), check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("regen.py: cannot run %s: %s" % (python, e))
    if info != [b"CPython", b"3", b"11"]:
        sys.exit("regen.py: %s is %s, but expected outputs must come from CPython 3.11"
                 % (python, b" ".join(info).decode()))


def write_or_remove(path, data):
    if data:
        with open(path, "wb") as f:
            f.write(data)
    elif os.path.exists(path):
        os.remove(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3", help="CPython 3.11 to use (default: python3)")
    ap.add_argument("tests", nargs="*", help="test files or globs relative to tests/py (default: all)")
    args = ap.parse_args()
    check_python(args.python)

    tests = []
    if not args.tests:
        tests = gc.all_tests()
    for t in args.tests:
        if os.path.isfile(t):
            tests.append(os.path.abspath(t))
        else:
            sel = gc.all_tests(t)
            if not sel:
                sys.exit("regen.py: no test matches %r" % t)
            tests.extend(sel)

    for t in tests:
        out, err, rc = gc.run_test(args.python, t, timeout=120)
        if rc is None:
            sys.exit("regen.py: %s timed out" % t)
        out_p, err_p, rc_p, _ = gc.expected_paths(t)
        with open(out_p, "wb") as f:
            f.write(out)
        write_or_remove(err_p, err)
        write_or_remove(rc_p, (b"%d\n" % rc) if rc else b"")
        print("%-50s rc=%d out=%dB err=%dB" % (gc.test_name(t), rc, len(out), len(err)))


if __name__ == "__main__":
    main()
