#!/usr/bin/env python3
"""Hostile code lists for _sre.compile: mutations of code CPython's compiler made,
given to slpy and to CPython. Reports a crash of slpy, and any case where the two
disagree on accepting the code or on the result of matching with it. (slpy also
refuses an INFO literal prefix that the code after it does not start with, which
CPython accepts and then reads past the subject on.)

    python3 tests/re/fuzz_code.py build/slpy [count] [seed]
"""
import os
import random
import subprocess
import sys
import tempfile
from re import _compiler, _parser

PATTERNS = [r"a(b|c)*d", r"(?P<x>a+)(?P=x)", r"(a)?(?(1)b|c)", r"(?<=ab)c", r"(?!x)\w+", r"[a-z\d]+?",
            r"(?>a|ab)c", r"a{2,5}+", r"(?:ab)*?c", r"\bfoo$", r"[^\x00-\x7f]", r"x|y|z", r"(a*)*b", r"[ą-ż]+"]


def compiled(pattern, flags):
    p = _parser.parse(pattern, flags)
    return [int(c) for c in _compiler._code(p, flags)], p.state.groups - 1


def main():
    interp = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    cases = []
    for _ in range(count):
        code, groups = compiled(rnd.choice(PATTERNS), rnd.choice([0, 2]))
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(len(code))
            k = rnd.random()
            if k < 0.5:
                code[i] = rnd.choice([0, 1, 2, 3, 7, 13, 14, 15, 16, 17, 18, 19, 23, 24, 27, 28, 29, 42, 50, 2**32 - 1])
            elif k < 0.8:
                code[i] = max(0, code[i] + rnd.choice([-2, -1, 1, 2]))
            else:
                del code[i]
        cases.append((code, groups + rnd.choice([0, 0, 0, 1, -1])))
    prog = "import _sre\ncases = %r\n" % (cases,) + r'''
for code, groups in cases:
    try:
        p = _sre.compile("abcd", 0, code, groups, {}, ())
    except Exception as e:
        print("compile", type(e).__name__, e)
        continue
    for s in ("abcd", "aabbd", "xyz", "abab", ""):
        try:
            m = p.search(s)
            print("ok", m and (m.span(), m.groups()))
        except Exception as e:
            print("run", type(e).__name__, e)
'''
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(prog)
        path = f.name
    try:
        try:
            want = subprocess.run(["python3", path], capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired as e:
            # CPython's sre loops forever on some hostile code: compare what it printed
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            want = subprocess.CompletedProcess(e.cmd, "timeout", out, "")
        got = subprocess.run([interp, path], capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(path)
    if got.returncode != 0:
        print("slpy exit status", got.returncode, got.stderr[-2000:])
    if want.returncode != 0:
        print("CPython exit status", want.returncode)
    a, b = want.stdout.splitlines(), got.stdout.splitlines()
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in diffs[:5]:
        print("want:", x, "\ngot: ", y)
    print("lines", len(a), len(b), "differences", len(diffs))
    return 1 if diffs or got.returncode != 0 or len(a) != len(b) else 0


if __name__ == "__main__":
    sys.exit(main())
