#!/usr/bin/env python3
"""Run the hostile-input programs (tests/hostile/<class>/<name>.py) against an interpreter.

usage: tests/hostile/run.py INTERP [FILTER] [-j N] [-v] [--timeout S] [--mem-mb M]

Each program attacks the runtime from Python: special methods that mutate the container a
native method is working on, impossible __class__ assignments, huge sizes, deep nesting,
bad arguments, ...  Its output is not checked: any Python exception, caught or not, is
fine.  A program FAILS only if the interpreter

  - dies by a signal (negative return code: SIGSEGV, SIGABRT, ...),
  - runs past the timeout (a hang), or
  - prints a crash report on stderr ("fatal", "Assertion", a sanitizer report,
    "terminate called").

Every program runs in its own folder with a timeout and an address-space limit
(RLIMIT_AS, --mem-mb), so "allocate 10**12 items" must end in MemoryError instead of
taking the machine down.  Under AddressSanitizer (detected in the binary; ASan reserves
terabytes of shadow, so RLIMIT_AS cannot be used) the same limit is applied per
allocation through ASAN_OPTIONS (allocator_may_return_null, max_allocation_size_mb).

A program may carry directives in a comment line near its top:
    # hostile: timeout=30        its own timeout in seconds (deep-nesting programs)
    # hostile: sigint=0.5        send SIGINT that many seconds after the start
    # hostile: mem=512           its own memory limit in MiB (fail sooner, stay fast)
    # hostile: expect=WORD       stdout must contain WORD (a SIGINT program proves the
                                 interrupt arrived as KeyboardInterrupt)

Known crashes that are being fixed are listed in tests/hostile/xfail.txt (one
<class>/<name> per line): such a program must still fail, and one that stops failing is
reported (XPASS) and counts as a failure, so the list stays exact.

FILTER is a substring or glob of <class>/<name>.  Prints one line per failure (with the
end of stderr when -v is given) and ends with "N passed, M failed"; exits non-zero if
anything failed.
"""
import argparse
import fnmatch
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
XFAIL_FILE = os.path.join(HERE, "xfail.txt")

# What a crash looks like on stderr.  A Python traceback never contains these (the
# programs avoid the words in their own source lines, which tracebacks quote).  Not
# "WARNING: AddressSanitizer failed to allocate": with allocator_may_return_null that is
# a refused allocation the runtime must turn into MemoryError, and it does not stop.
CRASH_PATTERNS = re.compile(
    rb"fatal|Fatal|Assertion|ERROR: AddressSanitizer|ERROR: LeakSanitizer|SUMMARY: UndefinedBehaviorSanitizer"
    rb"|runtime error:|terminate called|Segmentation fault|stack overflow")

DIRECTIVE = re.compile(r"^#\s*hostile:\s*(.*)$")


def all_programs(pattern):
    progs = []
    for folder in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, folder)
        if not os.path.isdir(d) or folder.startswith((".", "_")):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".py"):
                progs.append(folder + "/" + name[:-3])
    if pattern:
        if any(c in pattern for c in "*?["):
            progs = [p for p in progs if fnmatch.fnmatch(p, pattern)]
        else:
            progs = [p for p in progs if pattern in p]
    return progs


def read_xfail():
    names = set()
    if os.path.exists(XFAIL_FILE):
        with open(XFAIL_FILE) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    names.add(line)
    return names


def directives(path):
    opts = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for _, line in zip(range(10), f):
            m = DIRECTIVE.match(line.strip())
            if m:
                for item in m.group(1).split():
                    key, _, value = item.partition("=")
                    opts[key] = value
    return opts


def is_asan_binary(interp):
    try:
        with open(interp, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def child_env(asan, mem_mb):
    env = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONINSPECT"):
        env.pop(var, None)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    if asan:
        # The allocation limit RLIMIT_AS gives a plain build: a larger malloc returns
        # null (the runtime must turn that into MemoryError) instead of an ASan report.
        extra = "allocator_may_return_null=1:max_allocation_size_mb=%d" % mem_mb
        env["ASAN_OPTIONS"] = env["ASAN_OPTIONS"] + ":" + extra if env.get("ASAN_OPTIONS") else extra
    return env


def limits(mem_mb, asan):
    import resource

    def apply():
        # Its own process group, so a timeout kills whatever the program started.
        os.setsid()
        # SIGINT as a terminal user has it: a runner started in the background (CTest,
        # `&`) has it ignored, and an ignored disposition survives exec.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if not asan:
            limit = mem_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def signal_name(rc):
    try:
        return signal.Signals(-rc).name
    except ValueError:
        return "signal %d" % -rc


def run_one(interp, prog, args, asan):
    """Returns (ok, summary, stderr_tail, seconds)."""
    path = os.path.join(HERE, prog + ".py")
    opts = directives(path)
    timeout = float(opts.get("timeout", args.timeout))
    if asan:
        timeout *= 4  # ASan+UBSan code runs several times slower
    sigint = float(opts["sigint"]) if "sigint" in opts else None
    if asan and sigint is not None:
        # An ASan+UBSan slpy takes ~0.35 s to start on an idle machine, more under load:
        # the signal must come after slpy has installed its handler (the programs run 8 s).
        sigint *= 4
    mem_mb = int(opts.get("mem", args.mem_mb))
    start = time.monotonic()
    proc = subprocess.Popen([interp, os.path.basename(path)], cwd=os.path.dirname(path),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=child_env(asan, mem_mb), preexec_fn=limits(mem_mb, asan))
    timed_out = False
    try:
        if sigint is not None:
            try:
                proc.wait(timeout=sigint)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=max(0.1, timeout - (time.monotonic() - start)))
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, err = proc.communicate()
    seconds = time.monotonic() - start
    tail = err[-3000:].decode("utf-8", "replace")
    if timed_out:
        return False, "timeout after %gs" % timeout, tail, seconds
    if proc.returncode < 0:
        return False, "killed by %s" % signal_name(proc.returncode), tail, seconds
    m = CRASH_PATTERNS.search(err)
    if m:
        line_start = err.rfind(b"\n", 0, m.start()) + 1
        line_end = err.find(b"\n", m.end())
        line = err[line_start:line_end if line_end >= 0 else len(err)].decode("utf-8", "replace").strip()
        return False, "crash report on stderr: %s" % line[:160], tail, seconds
    expect = opts.get("expect")
    if expect and expect.encode() not in out:
        return False, "stdout lacks %r" % expect, tail, seconds
    # A program the interpreter cannot even compile tests nothing: that is a bug in the
    # program (or a missing feature it must avoid), not a pass.
    if proc.returncode == 1 and b"SyntaxError" in err and b"Traceback (most recent call last)" not in err:
        return False, "does not compile: %s" % tail.strip().splitlines()[-1][:160], tail, seconds
    return True, "exit %d" % proc.returncode, tail, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("interp")
    ap.add_argument("filter", nargs="?")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the end of stderr of each failure")
    ap.add_argument("--timeout", type=float, default=30, help="seconds per program (default 30, far above any program's own time so a loaded machine does not fail it; x4 under ASan)")
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space limit per program (default 3072)")
    ap.add_argument("--times", action="store_true", help="print the slowest programs")
    args = ap.parse_args()
    interp = os.path.abspath(args.interp) if os.sep in args.interp else args.interp
    progs = all_programs(args.filter)
    if not progs:
        sys.exit("run.py: no programs match")
    xfail = read_xfail()
    unknown = sorted(x for x in xfail if not os.path.exists(os.path.join(HERE, x + ".py")))
    asan = is_asan_binary(interp)
    passed = failed = expected = 0
    times = []
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = ex.map(lambda p: run_one(interp, p, args, asan), progs)
        for prog, (ok, summary, tail, seconds) in zip(progs, results):
            times.append((seconds, prog))
            if prog in xfail:
                if ok:
                    failed += 1
                    print("XPASS %s  (no longer crashes: remove it from tests/hostile/xfail.txt)" % prog, flush=True)
                else:
                    passed += 1
                    expected += 1
                    if args.verbose:
                        print("xfail %s  (%s)" % (prog, summary), flush=True)
            elif ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s  (%s)" % (prog, summary), flush=True)
                if args.verbose and tail:
                    sys.stdout.write("".join("    " + l + "\n" for l in tail.splitlines()[-25:]))
    for name in unknown:
        print("xfail.txt names a missing program: %s" % name)
        failed += 1
    if args.times:
        for seconds, prog in sorted(times, reverse=True)[:15]:
            print("%6.2fs  %s" % (seconds, prog))
    print("%d known crashes (tests/hostile/xfail.txt), %.1fs" % (expected, time.monotonic() - started))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
