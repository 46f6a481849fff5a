"""Shared code of the golden-test harness (regen.py, check.py, run_all.py).

Everything that decides *how* a test program is run and *how* its output is
normalized lives here, so that generation and checking can never disagree.
Only the Python standard library is used.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS_DIR = os.path.dirname(HERE)                 # tests/
PY_DIR = os.path.join(TESTS_DIR, "py")            # tests/py/
REPO_ROOT = os.path.dirname(TESTS_DIR)

DEFAULT_TIMEOUT = 60


def test_env():
    """The environment every test runs in (CPython and slpy alike)."""
    env = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONWARNINGS",
                "PYTHONINSPECT", "PYTHONOPTIMIZE", "PYTHONSAFEPATH"):
        env.pop(var, None)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    return env


def expected_paths(test_path):
    base = test_path[:-3] if test_path.endswith(".py") else test_path
    return base + ".out", base + ".err", base + ".rc", base + ".in"


def normalize_stderr(data, test_path):
    """Reduce every path to the test file to its base name.

    `File "/abs/.../tests/py/150_tracebacks/003_x.py", line 3` becomes
    `File "003_x.py", line 3`.  Works on bytes; also handles a relative path
    (e.g. `./003_x.py`) as an interpreter might print it.
    """
    abs_path = os.path.abspath(test_path)
    name = os.path.basename(abs_path)
    bname = name.encode("utf-8")
    for variant in {abs_path, os.path.realpath(abs_path)}:
        data = data.replace(variant.encode("utf-8"), bname)
    # Any remaining "<dirs>/NAME" inside File "..." (e.g. relative forms).
    pat = re.compile(rb'File "[^"\n]*/' + re.escape(bname) + rb'"')
    data = pat.sub(b'File "' + bname + b'"', data)
    return data


def _stack_limit(kib):
    """A preexec_fn that limits the child's C stack (RLIMIT_STACK) to `kib` KiB."""
    import resource

    def apply():
        resource.setrlimit(resource.RLIMIT_STACK, (kib * 1024, kib * 1024))
    return apply


def run_test(interp, test_path, timeout=DEFAULT_TIMEOUT, stack_kib=None):
    """Run one test program; return (stdout_bytes, normalized_stderr_bytes, rc).

    The interpreter is started in the test's own folder with the file's base
    name as its only argument; stdin is NAME.in if present, else /dev/null.
    `interp` is a path or a list (program + leading arguments).
    With `stack_kib`, the program runs with its C stack limited to that size
    (slpy's deep tests must not depend on the C stack).
    rc is None on timeout.
    """
    test_path = os.path.abspath(test_path)
    folder, name = os.path.split(test_path)
    cmd = list(interp) if isinstance(interp, (list, tuple)) else [interp]
    cmd[0] = os.path.abspath(cmd[0]) if os.sep in cmd[0] else cmd[0]
    cmd.append(name)
    in_path = expected_paths(test_path)[3]
    stdin = open(in_path, "rb") if os.path.exists(in_path) else open(os.devnull, "rb")
    try:
        proc = subprocess.run(cmd, cwd=folder, stdin=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=test_env(), timeout=timeout,
                              preexec_fn=_stack_limit(stack_kib) if stack_kib else None)
        out, err, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, err, rc = e.stdout or b"", (e.stderr or b"") + b"\n[TIMEOUT after %ds]\n" % timeout, None
    finally:
        stdin.close()
    return out, normalize_stderr(err, test_path), rc


def read_expected(test_path):
    out_p, err_p, rc_p, _ = expected_paths(test_path)
    with open(out_p, "rb") as f:
        out = f.read()
    err = b""
    if os.path.exists(err_p):
        with open(err_p, "rb") as f:
            err = f.read()
    rc = 0
    if os.path.exists(rc_p):
        with open(rc_p, "rb") as f:
            rc = int(f.read().strip() or b"0")
    return out, err, rc


def _diff(kind, expected, actual):
    import difflib
    exp = expected.decode("utf-8", "replace").splitlines(keepends=True)
    act = actual.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(exp, act, "expected " + kind, "actual " + kind))
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def compare(test_path, interp, timeout=DEFAULT_TIMEOUT, stack_kib=None):
    """Run and compare; return (ok, summary, report_text)."""
    try:
        exp_out, exp_err, exp_rc = read_expected(test_path)
    except FileNotFoundError:
        msg = "missing expected output (run tests/golden/regen.py)"
        return False, msg, msg + "\n"
    try:
        out, err, rc = run_test(interp, test_path, timeout, stack_kib)
    except OSError as e:
        msg = "cannot run %s: %s" % (interp, e)
        return False, msg, msg + "\n"
    report = []
    summary = []
    if rc is None:
        summary.append("timeout after %d s" % timeout)
    elif rc != exp_rc:
        summary.append("exit status %d, expected %d" % (rc, exp_rc))
    if out != exp_out:
        summary.append("stdout differs")
        report.append(_diff("stdout", exp_out, out))
    if err != exp_err:
        summary.append("stderr differs")
        report.append(_diff("stderr", exp_err, err))
    if summary:
        report.insert(0, "; ".join(summary) + "\n")
    return not summary, "; ".join(summary), "".join(report)


def is_helper_dir(name):
    """A folder of helper modules for tests (not tests), or a bytecode cache."""
    return name.endswith("_pkgs") or name == "__pycache__"


def all_tests(pattern=None):
    """All test programs under tests/py, sorted.  `pattern` selects by the path
    relative to tests/py: an fnmatch glob if it contains * ? or [ (e.g.
    '150_*/*', '020_int/00[1-3]*'), otherwise a plain substring ('deep',
    '130_builtins/016')."""
    import fnmatch
    found = []
    for root, dirs, files in os.walk(PY_DIR):
        # Folders named *_pkgs hold the helper modules and packages a test imports
        # (tests/py/220_imports); they are not tests themselves.
        dirs[:] = sorted(d for d in dirs if not is_helper_dir(d))
        for f in sorted(files):
            if f.endswith(".py"):
                found.append(os.path.join(root, f))
    if pattern:
        sel = []
        for p in found:
            rel = os.path.relpath(p, PY_DIR)
            if any(c in pattern for c in "*?["):
                hit = fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + ".py")
            else:
                hit = pattern in rel
            if hit:
                sel.append(p)
        found = sel
    return found


def test_name(test_path):
    rel = os.path.relpath(os.path.abspath(test_path), PY_DIR)
    return rel[:-3] if rel.endswith(".py") else rel
