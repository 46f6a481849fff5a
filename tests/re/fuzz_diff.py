#!/usr/bin/env python3
"""Differential test of slpy's _sre against CPython's: random patterns, compiled by
CPython 3.11's re._compiler, run on random subjects by both interpreters.

    python3 tests/re/fuzz_diff.py build/slpy [count] [seed]

Prints the first differing line of output, or "same" (exit status 1 on a difference).
"""
import os
import random
import subprocess
import sys
import tempfile
from re import _compiler, _parser

ATOMS = ["a", "b", "c", ".", r"\d", r"\w", r"\s", r"\W", "[ab]", "[^a]", "[a-c]", "é", "É", "ß", "Σ", "[à-é]",
         r"\b", r"\B", "^", "$", r"\A", r"\Z", "k", "K", "\u212a", "x", "\U0001f600", "[\U0001f600-\U0001f64f]"]


def gen(rnd, depth=0):
    k = rnd.random()
    if depth > 3 or k < 0.35:
        return rnd.choice(ATOMS)
    if k < 0.5:
        return gen(rnd, depth + 1) + gen(rnd, depth + 1)
    if k < 0.6:
        return gen(rnd, depth + 1) + "|" + gen(rnd, depth + 1)
    if k < 0.7:
        return "(" + gen(rnd, depth + 1) + ")"
    if k < 0.75:
        return "(?:" + gen(rnd, depth + 1) + ")"
    if k < 0.88:
        inner = gen(rnd, depth + 1)
        if inner in ("^", "$", r"\A", r"\Z", r"\b", r"\B"):
            inner = "a"
        if not inner.startswith("(") or not inner.endswith(")"):
            inner = "(?:" + inner + ")"
        return inner + rnd.choice(["*", "+", "?", "*?", "+?", "??", "{1,2}", "{2}", "{0,3}?", "*+", "++", "?+"])
    if k < 0.92:
        return rnd.choice(["(?=", "(?!", "(?<=", "(?<!", "(?>"]) + rnd.choice(["a", "b", "ab", r"\w", "[ab]"]) + ")"
    if k < 0.96:
        return r"(a)?(?(1)b|c)"
    return r"(\w)\1"


def compiled(pattern, flags):
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    gi = p.state.groupdict
    ig = [None] * p.state.groups
    for name, i in gi.items():
        ig[i] = name
    return (pattern, flags | p.state.flags, [int(c) for c in code], p.state.groups - 1, dict(gi), tuple(ig))


def main():
    interp = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rnd = random.Random(seed)
    alphabets = ["abcxk Kk\u212a1_éÉßΣσς\n", "abc xé", "ab\U0001f600Σc\n", "aabbc"]
    cases = []
    while len(cases) < count:
        alphabet = rnd.choice(alphabets)
        pattern = gen(rnd)
        flags = rnd.choice([0, 0, 2, 8, 16, 256, 2 | 256])
        try:
            c = compiled(pattern, flags)
        except Exception:
            continue
        subjects = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(4)]
        cases.append((c, subjects))
    prog = ["import _sre\n", "cases = %r\n" % (cases,), r'''
def show(m):
    return None if m is None else (m.span(), m.groups(), m.lastindex)
for c, subjects in cases:
    p = _sre.compile(*c)
    for s in subjects:
        try:
            r = (show(p.match(s)), show(p.search(s)), show(p.fullmatch(s)), p.findall(s), p.split(s), p.sub("-", s))
        except Exception as e:
            r = (type(e).__name__, str(e))
        print(repr(c[0]), c[1], repr(s), r)
''']
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write("".join(prog))
        path = f.name
    try:
        want = subprocess.run(["python3", path], capture_output=True, text=True).stdout.splitlines()
        got = subprocess.run([interp, path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    lines = got.stdout.splitlines()
    for a, b in zip(want, lines):
        if a != b:
            print("want:", a)
            print("got: ", b)
            return 1
    if len(want) != len(lines):
        print("output lengths differ:", len(want), len(lines), got.stderr[-2000:])
        return 1
    print("same:", len(want), "lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
