#!/usr/bin/env python3
"""Compare slpy's ast.parse with CPython 3.11's on real files, file by file.

    tests/syntax/compare_ast.py build/slpy                    # 300 files of /usr/lib/python3.11
    tests/syntax/compare_ast.py build/slpy -n 1000 -v         # more files; name each mismatch
    tests/syntax/compare_ast.py build/slpy --dir DIR          # another tree of .py files

Each file is parsed by both interpreters and dumped with
ast.dump(tree, include_attributes=True) (every node, field and position); a file matches
when the dumps are identical, or when both refuse it with the same SyntaxError. The
script needs CPython 3.11 as `python3` (or --python).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile

# Run by each interpreter: one line per file, "path<TAB>sha256 of the dump" (or the error).
WORKER = r'''
import ast, hashlib, sys
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    try:
        with open(path, "rb") as f:
            data = f.read()
        text = ast.dump(ast.parse(data, path), include_attributes=True)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    except SyntaxError as e:
        digest = "SyntaxError %s %s %s" % (e.msg, e.lineno, e.offset)
    except Exception as e:
        digest = "%s %s" % (type(e).__name__, e)
    print(path + "\t" + digest, flush=True)
'''


def files_under(root, limit):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        if "site-packages" in dirpath or "dist-packages" in dirpath:
            continue
        for name in sorted(filenames):
            if name.endswith(".py"):
                out.append(os.path.join(dirpath, name))
    # Spread the sample over the whole tree rather than its first folders.
    step = max(1, len(out) // limit) if limit else 1
    return out[::step][:limit] if limit else out


def run(interp, paths):
    # A folder of its own: the script's folder comes first on sys.path, and a stray
    # module in a shared temporary folder (/tmp/types.py, ...) would shadow the library.
    with tempfile.TemporaryDirectory() as folder:
        script = os.path.join(folder, "ast_worker.py")
        with open(script, "w") as f:
            f.write(WORKER)
        r = subprocess.run([interp, script], input="\n".join(paths), capture_output=True, text=True, timeout=3600)
    results = {}
    for line in r.stdout.splitlines():
        path, _, digest = line.partition("\t")
        results[path] = digest
    if r.returncode != 0:
        sys.stderr.write("%s exited with %d: %s\n" % (interp, r.returncode, r.stderr[-2000:]))
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("slpy")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--dir", default="/usr/lib/python3.11")
    ap.add_argument("-n", type=int, default=300, help="number of files (0: all)")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    paths = files_under(args.dir, args.n)
    want = run(args.python, paths)
    got = run(args.slpy, paths)
    same = 0
    for p in paths:
        if p in want and want.get(p) == got.get(p):
            same += 1
        elif args.v:
            print("MISMATCH", p, "\n   cpython:", want.get(p), "\n   slpy:   ", got.get(p))
    print("%d of %d files: identical ast.dump(include_attributes=True)" % (same, len(paths)))
    return 0 if same == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
