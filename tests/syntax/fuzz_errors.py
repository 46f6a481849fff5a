#!/usr/bin/env python3
"""Differential fuzzing of SyntaxErrors: random token soups, compiled by slpy and CPython.

    tests/syntax/fuzz_errors.py build/slpy                 # 5000 snippets, seed 1
    tests/syntax/fuzz_errors.py build/slpy --seed 7 -n 20000 --show 20

Each snippet is a few fragments of Python (keywords, operators, brackets, literals,
newlines, indentation, bad characters) glued together; both interpreters compile it with
compile(src, '<s>', 'exec') and the outcomes (OK, or the SyntaxError's type, msg, lineno,
offset, end_lineno, end_offset and text) are compared. Snippets with async, await or match
are skipped (slpy does not support them). The script needs CPython 3.11 as `python3` (or
--python). It exits with status 1 when a snippet differs.
"""
import argparse
import ast
import os
import random
import subprocess
import sys
import tempfile

FRAGMENTS = [
    "x", "y", "f", "a.b", "1", "2.5", "'s'", "b'b'", "f'{x}'", "f'{x y}'", "(", ")", "[", "]", "{", "}", ",",
    ":", "=", "==", ":=", "+", "-", "*", "**", "/", "%", "lambda", "lambda x:", "if", "else", "for", "in",
    "not", "and", "or", "yield", "print", "exec", "c", "_", "None", "True", "->", ".", "...", "def f(",
    "def f():", "class C", "class C:", "return", "del", "import", "from", "as", "with", "try:", "except",
    "except*", "finally:", "while", "global", "nonlocal", "assert", "raise", "pass", "@", ";", "\n",
    "\n    ", "\n  ", "\n\t", "'abc", "\\", "\\\n", "+=", "is", "x for x in y", "*a", "**k", "k=1", "True=",
    "a, b", "elif x:", "else:", "if x:", "for x in y:", "f(x)", "[1, 2]", "{1: 2}", "{1, 2}", "(1,)",
    "'''", "#c", "0o7", "0x1", "|", "&", "^", "~", "<<", "!", "$", "`",
]

DRIVER = r'''
cases = %r
for src in cases:
    try:
        compile(src, "<s>", "exec")
        print("OK")
    except SyntaxError as e:
        print(repr((type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text)))
    except Exception as e:
        print(repr(("EXC", type(e).__name__)))
'''


def snippets(seed, n):
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        src = "".join(rng.choice(FRAGMENTS) + rng.choice(["", " ", " ", " "]) for _ in range(rng.randint(1, 12)))
        if not any(word in src for word in ("async", "await", "match")):
            out.append(src)
    return out


def run(interp, cases):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(DRIVER % (cases,))
        path = f.name
    try:
        proc = subprocess.run([interp, "-W", "ignore", path] if "python" in os.path.basename(interp) else [interp, path],
                              capture_output=True, timeout=600, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    finally:
        os.unlink(path)
    return proc.stdout.decode("utf-8", "replace").splitlines()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("slpy")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--show", type=int, default=10, help="how many differences to print")
    args = ap.parse_args()
    cases = snippets(args.seed, args.n)
    expected = run(args.python, cases)
    actual = run(args.slpy, cases)
    if len(actual) < len(cases):
        print("slpy stopped after %d of %d snippets (crash or hang at %r)" % (len(actual), len(cases), cases[len(actual)]))
        return 1
    differ = [(c, e, a) for c, e, a in zip(cases, expected, actual) if e != a]
    for c, e, a in differ[:args.show]:
        print(repr(c))
        print("  cpython:", e)
        print("  slpy:   ", a)
    print("%d of %d snippets differ (seed %d)" % (len(differ), len(cases), args.seed))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
