#!/usr/bin/env python3
"""Compare slpy's SyntaxErrors with CPython 3.11's, snippet by snippet.

    tests/syntax/compare_errors.py build/slpy              # summary per family and overall
    tests/syntax/compare_errors.py build/slpy -v           # also every mismatch
    tests/syntax/compare_errors.py build/slpy -f kwarg     # only families whose name contains 'kwarg'
    tests/syntax/compare_errors.py build/slpy --script     # also run each snippet as a script file
                                                           # and compare the printed caret layout

The snippets live in error_snippets.txt next to this file (its header describes the
format). Each snippet is compiled with compile(src, '<s>', mode) by both interpreters;
the result is "OK" or the exception's type, msg, lineno, offset, end_lineno,
end_offset and text. A snippet matches when all of them are equal. The script needs
CPython 3.11 as `python3` (or --python).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "error_snippets.txt")

FIELDS = ("type", "msg", "lineno", "offset", "end_lineno", "end_offset", "text")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "0": "\0", "\\": "\\", "v": "\v"}


def unescape(line):
    """Decodes the escapes of a snippet line: \\n \\t \\r \\f \\v \\0 \\\\ \\xNN \\uNNNN.
    Any other backslash stays as it is."""
    out = []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            n = line[i + 1]
            if n in _ESCAPES:
                out.append(_ESCAPES[n])
                i += 2
                continue
            if n == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", line[i + 2:i + 4]):
                out.append(chr(int(line[i + 2:i + 4], 16)))
                i += 4
                continue
            if n == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", line[i + 2:i + 6]):
                out.append(chr(int(line[i + 2:i + 6], 16)))
                i += 6
                continue
        out.append(c)
        i += 1
    return "".join(out)


def load_snippets(path):
    """Returns [(family, mode, source, line_number)]."""
    snippets = []
    family = "misc"
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("## "):
                family = line[3:].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            mode = "exec"
            m = re.match(r"\[(exec|eval|single)\] ", line)
            if m:
                mode = m.group(1)
                line = line[m.end():]
            snippets.append((family, mode, unescape(line), number))
    return snippets


DRIVER = r'''
import sys
cases = %r
for mode, src in cases:
    try:
        compile(src, "<s>", mode)
        print("OK", flush=True)
    except SyntaxError as e:
        print(repr((type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text)), flush=True)
    except Exception as e:
        print(repr(("EXC " + type(e).__name__, str(e))), flush=True)
'''


def run_driver(interp, cases, timeout=30):
    """Runs the compile() driver for `cases` [(mode, src)]; returns one result line per
    case that ran (fewer if the interpreter died)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(DRIVER % (cases,))
        path = f.name
    try:
        proc = subprocess.run([interp, path], capture_output=True, timeout=timeout,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
        lines = proc.stdout.decode("utf-8", "replace").splitlines()
    except subprocess.TimeoutExpired as e:
        # What ran before the case that hangs.
        lines = (e.stdout or b"").decode("utf-8", "replace").splitlines()
    finally:
        os.unlink(path)
    return lines[:len(cases)]


def results(interp, cases):
    """One result line per case; a case that crashes or hangs the interpreter gets
    'CRASH'."""
    out = run_driver(interp, cases)
    while len(out) < len(cases):
        # The interpreter died on case len(out): mark it and go on after it.
        single = run_driver(interp, [cases[len(out)]], timeout=10)
        out.append(single[0] if single else "CRASH")
        if len(out) < len(cases):
            out.extend(run_driver(interp, cases[len(out):]))
    return out


def parse_result(line):
    if line in ("OK", "CRASH"):
        return line
    try:
        import ast
        return ast.literal_eval(line)
    except Exception:
        return line


def describe(r):
    if isinstance(r, tuple) and len(r) == 7:
        return "%s: %r  line %s col %s  end %s col %s" % r[:6]
    return str(r)


def script_layout(interp, src, folder):
    """Runs `src` as a script file; returns its stderr with the folder removed."""
    path = os.path.join(folder, "snippet.py")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(src)
    try:
        proc = subprocess.run([interp, "snippet.py"], cwd=folder, capture_output=True, timeout=20,
                              env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    except subprocess.TimeoutExpired:
        return b"TIMEOUT"
    return proc.stderr.replace(folder.encode() + b"/", b"")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("slpy")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("-f", "--family", help="only families whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    ap.add_argument("--script", action="store_true", help="also compare the stderr of each snippet run as a script")
    args = ap.parse_args()
    if os.sep in args.slpy:
        args.slpy = os.path.abspath(args.slpy)

    version = subprocess.run([args.python, "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
    if version != "(3, 11)":
        sys.exit("%s is not CPython 3.11 (%s)" % (args.python, version))

    snippets = load_snippets(args.data)
    if args.family:
        snippets = [s for s in snippets if args.family in s[0]]
    cases = [(mode, src) for _, mode, src, _ in snippets]
    expected = [parse_result(r) for r in results(args.python, cases)]
    actual = [parse_result(r) for r in results(args.slpy, cases)]

    families = {}
    total = matched = msg_matched = 0
    for (family, mode, src, number), exp, act in zip(snippets, expected, actual):
        ok = exp == act
        msg_ok = ok or (isinstance(exp, tuple) and isinstance(act, tuple) and exp[:2] == act[:2])
        fam = families.setdefault(family, [0, 0])
        fam[0] += 1
        fam[1] += ok
        total += 1
        matched += ok
        msg_matched += msg_ok
        if not ok and args.verbose:
            print("--- line %d [%s] %s: %r" % (number, family, mode, src))
            print("  cpython: " + describe(exp))
            print("  slpy:    " + describe(act))
            if isinstance(exp, tuple) and isinstance(act, tuple) and exp[:6] == act[:6]:
                print("  text: %r vs %r" % (exp[6], act[6]))

    width = max(len(f) for f in families) if families else 10
    for family, (n, ok) in families.items():
        if ok != n or args.verbose:
            print("%-*s %4d/%-4d" % (width, family, ok, n))
    print("%d/%d snippets match exactly (%.1f%%); type and message match for %d (%.1f%%)"
          % (matched, total, 100.0 * matched / max(total, 1), msg_matched, 100.0 * msg_matched / max(total, 1)))

    if args.script:
        # Uncaught SyntaxErrors of a script file: the whole stderr (caret layout) must agree.
        same = 0
        with tempfile.TemporaryDirectory() as folder:
            for family, mode, src, number in snippets:
                if mode != "exec":
                    continue
                exp = script_layout(args.python, src, folder)
                act = script_layout(args.slpy, src, folder)
                if exp == act:
                    same += 1
                elif args.verbose:
                    print("--- script, line %d [%s]: %r" % (number, family, src))
                    print("  cpython:\n" + exp.decode("utf-8", "replace"))
                    print("  slpy:\n" + act.decode("utf-8", "replace"))
        n = sum(1 for s in snippets if s[1] == "exec")
        print("%d/%d scripts print the same stderr" % (same, n))
    return 0 if matched == total else 1


if __name__ == "__main__":
    sys.exit(main())
