#!/usr/bin/env python3
"""Ctrl-C: runs programs that print "ready" and then loop or block, sends them SIGINT and
checks what they print and how they exit.

usage: tests/golden/sigint_check.py INTERP [INTERP ...] [-v]

Each scenario states its expected stdout, exit status (-2: ended by SIGINT itself, as
CPython does after an uncaught KeyboardInterrupt) and the last line of stderr. Every
INTERP given must meet them; with several (CTest passes slpy and python3) their stderr
must also be identical, traceback included, so the expectations are CPython 3.11's.
Scenarios marked `beyond_cpython` are interruptions CPython itself cannot do (a native
loop that never returns to the eval loop); they run only on interpreters other than
CPython. Ends with "N passed, M failed"; exit status 1 on any failure.
"""
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

SPIN = '''\
def spin():
    n = 0
    while True:
        n += 1
'''

SCENARIOS = [
    {
        "name": "caught",
        "source": SPIN + '''\
try:
    print("ready", flush=True)
    spin()
except KeyboardInterrupt as e:
    print("caught", type(e).__name__, e.args)
finally:
    print("finally")
print("after")
''',
        "stdout": "ready\ncaught KeyboardInterrupt ()\nfinally\nafter\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        "name": "uncaught",
        "source": SPIN + '''\
try:
    print("ready", flush=True)
    spin()
finally:
    print("finally", flush=True)
''',
        "stdout": "ready\nfinally\n",
        "rc": -signal.SIGINT,
        "stderr_last": "KeyboardInterrupt",
    },
    {
        # the loop test at the bottom of `while` is a backward conditional jump
        "name": "while_condition",
        "source": '''\
def count(limit):
    i = 0
    while i < limit:
        i += 1
    return i
print("ready", flush=True)
try:
    count(10 ** 15)
except KeyboardInterrupt:
    print("interrupted")
''',
        "stdout": "ready\ninterrupted\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        # a Python function run by a native (sorted's key) is interrupted; the
        # exception passes through the native
        "name": "through_native",
        "source": SPIN + '''\
def key(x):
    spin()
print("ready", flush=True)
try:
    sorted([3, 1, 2], key=key)
except KeyboardInterrupt:
    print("interrupted in key")
''',
        "stdout": "ready\ninterrupted in key\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        "name": "input",
        "source": '''\
print("ready", flush=True)
try:
    input()
except KeyboardInterrupt:
    print("input interrupted")
''',
        "stdout": "ready\ninput interrupted\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        "name": "stdin_read",
        "source": '''\
import sys
print("ready", flush=True)
try:
    sys.stdin.read()
except KeyboardInterrupt:
    print("read interrupted")
''',
        "stdout": "ready\nread interrupted\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        "name": "sleep",
        "source": '''\
import time
print("ready", flush=True)
t = time.monotonic()
try:
    time.sleep(60)
except KeyboardInterrupt:
    print("sleep interrupted", time.monotonic() - t < 30)
''',
        "stdout": "ready\nsleep interrupted True\n",
        "rc": 0,
        "stderr_last": None,
    },
    {
        "name": "uncaught_input",
        "source": '''\
print("ready", flush=True)
input()
''',
        "stdout": "ready\n",
        "rc": -signal.SIGINT,
        "stderr_last": "KeyboardInterrupt",
    },
    {
        # sum() over an endless native iterator never reaches a bytecode boundary;
        # CPython cannot interrupt it, slpy polls in the iteration protocol
        "name": "native_loop",
        "beyond_cpython": True,
        "source": '''\
print("ready", flush=True)
try:
    sum(iter(int, 1))
except KeyboardInterrupt:
    print("sum interrupted")
''',
        "stdout": "ready\nsum interrupted\n",
        "rc": 0,
        "stderr_last": None,
    },
]


def restore_sigint():
    # A shell starts background jobs with SIGINT ignored, and an ignored SIGINT stays
    # ignored in CPython and slpy: give the child the default disposition.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(interp, path, timeout=20.0):
    """Starts interp on path, waits for its "ready" line, sends SIGINT; returns
    (stdout, stderr, returncode) or raises RuntimeError."""
    p = subprocess.Popen([interp, os.path.basename(path)], cwd=os.path.dirname(path), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=restore_sigint)
    try:
        first = b""
        deadline = time.monotonic() + timeout
        while not first.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
                raise RuntimeError("no 'ready' line")
            c = os.read(p.stdout.fileno(), 1)
            if not c:
                raise RuntimeError("exited before 'ready': " + p.stderr.read().decode(errors="replace"))
            first += c
        time.sleep(0.3)  # let it get into the loop or the blocking call
        p.send_signal(signal.SIGINT)
        # stdin stays open (a blocked read must end by the signal, not by EOF) until the
        # program has exited; what it prints fits in the pipes meanwhile
        p.wait(timeout=timeout)
        out, err = p.communicate()
        return (first + out).decode(), err.decode(), p.returncode
    except subprocess.TimeoutExpired:
        raise RuntimeError("did not end within %gs of SIGINT" % timeout)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def implementation(interp):
    """'cpython-3.11', 'slpy-3.11', ... (the name and the language version)."""
    try:
        r = subprocess.run([interp, "-c", "import sys; print('%s-%d.%d' % (sys.implementation.name, *sys.version_info[:2]))"],
                           capture_output=True, text=True, timeout=10)
        return r.stdout.strip()
    except OSError:
        return "?"


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    interps = []
    for a in args:
        if os.sep in a:
            a = os.path.abspath(a)  # the programs run in a temporary directory
        impl = implementation(a)
        if impl.startswith("cpython") and impl != "cpython-3.11":
            # the expected tracebacks are CPython 3.11's
            print("skipping %s (%s, not CPython 3.11)" % (a, impl))
            continue
        interps.append((a, impl.startswith("cpython")))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for sc in SCENARIOS:
            path = os.path.join(tmp, "sigint_%s.py" % sc["name"])
            with open(path, "w") as f:
                f.write(sc["source"])
            problems = []
            errs = []
            for interp, cpython in interps:
                if sc.get("beyond_cpython") and cpython:
                    continue
                try:
                    out, err, rc = run(interp, path)
                except RuntimeError as e:
                    problems.append("%s: %s" % (interp, e))
                    continue
                last = err.rstrip("\n").split("\n")[-1] if err else None
                if out != sc["stdout"]:
                    problems.append("%s: stdout %r, expected %r" % (interp, out, sc["stdout"]))
                if rc != sc["rc"]:
                    problems.append("%s: exit status %r, expected %r" % (interp, rc, sc["rc"]))
                if last != sc["stderr_last"]:
                    problems.append("%s: stderr ends %r, expected %r\n%s" % (interp, last, sc["stderr_last"], err))
                errs.append((interp, err))
            for interp, err in errs[1:]:
                if err != errs[0][1]:
                    problems.append("stderr differs between %s and %s:\n%s---\n%s" % (errs[0][0], interp, errs[0][1], err))
            if problems:
                failed += 1
                print("FAIL %s" % sc["name"])
                for pr in problems:
                    print("  " + pr.replace("\n", "\n  "))
            else:
                passed += 1
                if verbose:
                    print("ok   %s" % sc["name"])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
