#!/usr/bin/env python3
"""Check one golden test against an interpreter.

usage: tests/golden/check.py INTERP TEST.py [--timeout SECONDS] [--stack-kib KIB]

Runs INTERP in the test's folder with the test's base name as argument (stdin
NAME.in or /dev/null, PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8), then compares
stdout, normalized stderr and exit status with NAME.out / NAME.err / NAME.rc.
Prints a unified diff and exits 1 on mismatch. --stack-kib runs INTERP with
its C stack limited (RLIMIT_STACK) to that many KiB.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep tests/golden free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("interp")
    ap.add_argument("test")
    ap.add_argument("--timeout", type=int, default=gc.DEFAULT_TIMEOUT)
    ap.add_argument("--stack-kib", type=int, default=None)
    args = ap.parse_args()
    ok, _summary, report = gc.compare(args.test, args.interp, args.timeout, args.stack_kib)
    if not ok:
        sys.stdout.write("FAIL %s\n%s" % (gc.test_name(args.test), report))
        sys.exit(1)


if __name__ == "__main__":
    main()
