#!/usr/bin/env python3
"""Generates the expected parser outputs (corpus_*.txt) with CPython 3.11.

Each record in the output is three lines:  mode, escaped source, escaped expected
result. The expected result is ast.dump(tree, include_attributes=True) or, for a syntax
error, "ERROR <type>|<msg>|<lineno>|<offset>|<end_lineno>|<end_offset>".
A str case is compiled as text (error offsets are character columns, as for files);
a bytes case as bytes. A missing (None) lineno/offset is written as 0.
Escaping: backslash, newline, carriage return, tab and non-printable bytes as \\xNN.
Run:  python3 gen_corpus.py   (from any directory; writes next to this file)
"""
import ast
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus_cases  # noqa: E402


def esc(b: bytes) -> str:
    out = []
    for c in b:
        if c == 0x5C:
            out.append('\\\\')
        elif c == 0x0A:
            out.append('\\n')
        elif c == 0x0D:
            out.append('\\r')
        elif c == 0x09:
            out.append('\\t')
        elif c < 0x20 or c == 0x7F:
            out.append('\\x%02x' % c)
        else:
            out.append(chr(c) if c < 0x80 else None)
            if c >= 0x80:
                out[-1] = '\\x%02x' % c
    return ''.join(out)


def expected(src, mode: str) -> str:
    """`src` is str (compiled as text: offsets in characters) or bytes."""
    try:
        tree = compile(src, "<test>", mode, ast.PyCF_ONLY_AST)
        return ast.dump(tree, include_attributes=True)
    except SyntaxError as e:
        def num(v):
            return 0 if v is None else v
        return "ERROR %s|%s|%d|%d|%d|%d" % (type(e).__name__, e.msg, num(e.lineno), num(e.offset),
                                             num(e.end_lineno), num(e.end_offset))


def main():
    for name, cases in (("ast", corpus_cases.AST_CASES), ("errors", corpus_cases.ERROR_CASES)):
        lines = []
        for case in cases:
            mode = "exec"
            if isinstance(case, tuple):
                mode, case = case
            src = case.encode("utf-8") if isinstance(case, str) else case
            lines.append(mode)
            lines.append(esc(src))
            lines.append(esc(expected(case, mode).encode("utf-8")))
        with open(os.path.join(HERE, "corpus_%s.txt" % name), "w", encoding="ascii") as f:
            f.write("\n".join(lines) + "\n")
        print("corpus_%s.txt: %d cases" % (name, len(cases)))


if __name__ == "__main__":
    main()
