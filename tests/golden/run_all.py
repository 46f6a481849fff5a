#!/usr/bin/env python3
"""Run all golden tests (or those matching GLOB) against an interpreter.

usage: tests/golden/run_all.py INTERP [GLOB] [-j N] [-v]

GLOB is matched against the path relative to tests/py, e.g. '150_*/*',
'020_int/*' or a substring such as 'deep'.  Prints one FAIL line per failure
(with the diff when -v is given) and ends with 'N passed, M failed'; exits
non-zero if anything failed.
"""
import argparse
import os
import sys
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True  # keep tests/golden free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("interp")
    ap.add_argument("glob", nargs="?")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the diff of each failure")
    ap.add_argument("--timeout", type=int, default=gc.DEFAULT_TIMEOUT)
    args = ap.parse_args()
    tests = gc.all_tests(args.glob)
    if not tests:
        sys.exit("run_all.py: no tests match")
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for t, (ok, summary, report) in zip(tests, ex.map(lambda t: gc.compare(t, args.interp, args.timeout), tests)):
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s  (%s)" % (gc.test_name(t), summary), flush=True)
                if args.verbose:
                    sys.stdout.write(report)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
