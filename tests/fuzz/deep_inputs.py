#!/usr/bin/env python3
"""Writes the front end's deep-input regression set into a directory.

libFuzzer mutates inputs of a few KiB, so it never builds the one shape that breaks
recursive compilers: a construct repeated tens of thousands of times. Each file here is
such a shape. The parser folds some of them into flat lists or stops them at its nesting
limit; the passes after it (constant folding, symbol table, code generator) walk the tree
recursively, so each must stop with an error ("maximum recursion depth exceeded during
compilation", as CPython 3.11) instead of overflowing the C stack.

tools/ci_sanitize runs fuzz_compile (ASan + UBSan) on every file; the names listed in
tests/fuzz/deep_xfail.txt are known open bugs (they must crash; one that stops crashing
fails the run, so the list stays exact).

Usage: deep_inputs.py OUTDIR
"""
import os
import sys

N = 100_000  # repetitions: far beyond any sane limit, a few hundred KiB per file


def nested_blocks(header, depth, body="pass"):
    return "".join(" " * i + header + "\n" for i in range(depth)) + " " * depth + body + "\n"


CASES = {
    # Left-associative chains: the parser loops, the tree is N deep on the left.
    "binop_chain": "x = " + "+".join(["a"] * N) + "\n",
    "const_binop_chain": "x = " + "+".join(["1"] * N) + "\n",
    "str_binop_chain": "x = " + "+".join(["'a'"] * N) + "\n",
    "attribute_chain": "x = a" + ".b" * N + "\n",
    "call_chain": "x = f" + "()" * N + "\n",
    "subscript_chain": "x = a" + "[0]" * N + "\n",
    "method_chain": "x = a" + ".b()" * (N // 2) + "\n",
    "store_attribute_chain": "a" + ".b" * N + " = 1\n",
    "store_subscript_chain": "a" + "[0]" * N + " = 1\n",
    "del_attribute_chain": "del a" + ".b" * N + "\n",
    # Flat in the AST, recursive in some pass.
    "elif_chain": "if a: pass\n" + "elif a: pass\n" * (N // 2),
    "comprehension_fors": "x = [a " + "for a in b " * (N // 2) + "]\n",
    "compare_chain": "x = " + " < ".join(["a"] * N) + "\n",
    "bool_chain": "x = " + " and ".join(["a"] * N) + "\n",
    "implicit_str_concat": "x = " + " ".join(["'a'"] * N) + "\n",
    "decorators": "@d\n" * N + "def f(): pass\n",
    "dotted_import": "import " + ".".join(["a"] * N) + "\n",
    "call_args": "f(" + ", ".join(f"a{i}" for i in range(N)) + ")\n",
    "star_args": "x = [" + ", ".join(["*a"] * N) + "]\n",
    "many_locals": "def f():\n" + "".join(f" a{i} = {i}\n" for i in range(N)),
    "many_constants": "x = [" + ",".join(str(i) for i in range(N)) + "]\n",
    # Right-recursive or bracketed nesting: the parser's depth limit must stop these.
    "parentheses": "(" * N + "1" + ")" * N + "\n",
    "lists": "[" * N + "]" * N + "\n",
    "dicts": "x = " + "{1:" * N + "1" + "}" * N + "\n",
    "tuples": "x = " + "(" * N + "a," + ")" * N + "\n",
    "not_chain": "x = " + "not " * N + "a\n",
    "unary_minus_chain": "x = " + "-" * N + "1\n",
    "power_chain": "x = " + "**".join(["2"] * N) + "\n",
    "conditional_chain": "x = " + "a if b else " * N + "c\n",
    "lambda_chain": "f = " + "lambda: " * N + "1\n",
    "walrus_chain": "x = " + "(y := " * N + "1" + ")" * N + "\n",
    "fstring_nesting": "x = " + "f'{" * 200 + "a" + "}'" * 200 + "\n",
    "nested_ifs": nested_blocks("if x:", 1000),
    "nested_defs": nested_blocks("def f():", 1000),
    "nested_classes": nested_blocks("class C:", 1000),
    "nested_whiles": nested_blocks("while a:", 1000, "break"),
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in CASES.items():
        with open(os.path.join(out, name + ".py"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
