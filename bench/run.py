#!/usr/bin/env python3
"""Benchmark slpy against CPython.

usage: bench/run.py [--slpy PATH] [--python PYTHON] [--runs N] [--only NAME[,NAME...]]
                    [--callgrind] [--timeout SECONDS]

For each bench/*.py program: runs it once under CPython and once under slpy and
compares stdout + exit status; on a difference the program is marked MISMATCH
(or FAILED when slpy crashed / timed out / is missing) and not timed.  Otherwise
runs slpy and CPython alternately N times (default 5) and reports the best
(minimum) wall time of each and the ratio slpy/CPython (lower is better), the
ratio of the best CPU times (user + system, from os.wait4's rusage: steadier than
wall time on a loaded machine), the peak RSS of each (the largest ru_maxrss over
the runs) and its ratio, plus the geometric means of the three ratios.

The reference CPython is Debian's /usr/bin/python3.11 when it exists (the build
users have), else python3.

--callgrind instead counts instructions once per program per interpreter with
`valgrind --tool=callgrind` (stable on a noisy machine, but ~50x slower than a
normal run; combine with --only) and reports the instruction ratio.

Only the Python standard library is used.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)


def env():
    e = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONWARNINGS"):
        e.pop(var, None)
    e["PYTHONHASHSEED"] = "0"
    e["PYTHONIOENCODING"] = "utf-8"
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    return e


def programs(only):
    names = sorted(f[:-3] for f in os.listdir(BENCH_DIR) if f.endswith(".py") and f != "run.py")
    if only:
        wanted = [n.strip().removesuffix(".py") for part in only for n in part.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            sys.exit("run.py: unknown program(s): %s (have: %s)" % (", ".join(unknown), ", ".join(names)))
        names = [n for n in names if n in wanted]
    return names


# Linux charges the address space a process had before execve() to its ru_maxrss, so a
# program started straight from this script would report at least this script's own peak
# RSS (~11 MiB, more than a small program under CPython needs).  Each measured program is
# therefore started by this small launcher, a fresh `python -S` whose own RSS is ~7 MiB:
# it spawns the program (posix_spawn, no copy of a big parent), reaps it with os.wait4,
# and writes "seconds cpu_seconds maxrss_kib" to the pipe whose fd is its first argument.  Timing
# there also leaves the launcher's own start-up out of the measured time.
LAUNCHER = r"""
import os, sys, time
t0 = time.perf_counter()
try:
    pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
except OSError as e:
    sys.stderr.write("cannot run %s: %s\n" % (sys.argv[2], e))
    sys.exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - t0
os.write(int(sys.argv[1]), b"%.6f %.6f %d" % (elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run(launcher, cmd, timeout):
    """Run cmd in bench/ through LAUNCHER on the Python `launcher`; return (stdout, stderr,
    rc, seconds, CPU seconds, peak RSS in KiB); rc None on timeout, death by signal N as
    128+N."""
    t0 = time.perf_counter()
    report_r, report_w = os.pipe()
    try:
        p = subprocess.Popen([launcher, "-S", "-I", "-c", LAUNCHER, str(report_w)] + cmd, cwd=BENCH_DIR,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env(), pass_fds=(report_w,), start_new_session=True)
    except OSError as e:
        os.close(report_r)
        os.close(report_w)
        return b"", str(e).encode(), -1, 0.0, 0.0, 0
    os.close(report_w)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)  # the launcher and the program it runs
        p.communicate()
        os.close(report_r)
        return b"", b"", None, time.perf_counter() - t0, 0.0, 0
    with os.fdopen(report_r, "rb") as f:
        report = f.read().split()
    if len(report) != 3:
        return out, err, p.returncode or -1, 0.0, 0.0, 0
    return out, err, p.returncode, float(report[0]), float(report[1]), int(report[2])


def resolve_python(python):
    """The real CPython executable (skips wrapper scripts such as pyenv shims,
    whose start-up would be timed and which callgrind cannot see through)."""
    try:
        out = subprocess.run([python, "-c", "import sys; print(sys.executable)"], stdout=subprocess.PIPE,
                             check=True, env=env()).stdout.decode().strip()
        return out or python
    except (OSError, subprocess.CalledProcessError):
        sys.exit("run.py: cannot run %s" % python)


def callgrind_count(cmd, timeout):
    try:
        p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                            "--trace-children=yes"] + cmd,
                           cwd=BENCH_DIR, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env(), timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    except OSError as e:
        sys.exit("run.py: cannot run valgrind: %s" % e)
    # One "Collected" line per traced process (several if the command is a wrapper script).
    counts = [int(c) for c in re.findall(rb"Collected\s*:\s*(\d+)", p.stderr)]
    if p.returncode != 0 or not counts:
        print("callgrind failed for %s (rc=%d): %s" % (" ".join(cmd), p.returncode,
              p.stderr.decode(errors="replace").strip()[-300:]), file=sys.stderr)
        return None
    return sum(counts)


def default_python():
    return "/usr/bin/python3.11" if os.path.exists("/usr/bin/python3.11") else "python3"


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slpy", default=os.path.join(REPO_ROOT, "build", "slpy"),
                    help="slpy binary (default: build/slpy in the repo root)")
    ap.add_argument("--python", default=default_python(),
                    help="CPython to compare with (default: /usr/bin/python3.11 if it exists, else python3)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per interpreter (default 5)")
    ap.add_argument("--only", action="append", help="program name(s), comma-separated; repeatable")
    ap.add_argument("--callgrind", action="store_true", help="count instructions with valgrind instead of timing")
    ap.add_argument("--timeout", type=float, default=300, help="per-run timeout in seconds (default 300)")
    args = ap.parse_args()

    slpy = os.path.abspath(args.slpy)
    python = resolve_python(args.python)
    names = programs(args.only)
    if not os.path.exists(slpy):
        print("note: %s does not exist; every program will be FAILED" % slpy, file=sys.stderr)

    unit = "instructions" if args.callgrind else "s (best of %d)" % args.runs
    print("slpy:    %s\nCPython: %s\nunit:    %s\n" % (slpy, python, unit))
    if args.callgrind:
        header = "%-16s %16s %16s %8s  %s" % ("program", "CPython Ir", "slpy Ir", "ratio", "")
    else:
        header = "%-16s %10s %10s %8s %8s %9s %9s %8s" % ("program", "CPython s", "slpy s", "ratio", "CPU rat",
                                                           "CPy MiB", "slpy MiB", "RSS rat")
    print(header)
    print("-" * len(header))

    ratios = []
    cpu_ratios = []
    rss_ratios = []
    bad = 0
    for name in names:
        script = name + ".py"
        ref_out, ref_err, ref_rc, _, _, _ = run(python, [python, script], args.timeout)
        if ref_rc != 0:
            print("%-16s CPython itself failed (rc=%s): %s" % (name, ref_rc, ref_err.decode(errors="replace")[-200:]))
            bad += 1
            continue
        out, err, rc, _, _, _ = run(python, [slpy, script], args.timeout)
        if rc is None or rc != 0:
            why = "timeout" if rc is None else "rc=%d" % rc
            last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
            print("%-16s %s  (%s) %s" % (name, "FAILED", why, last[0][:80]))
            bad += 1
            continue
        if out != ref_out:
            print("%-16s %s  (slpy printed %r, CPython %r)" % (name, "MISMATCH", out[:60], ref_out[:60]))
            bad += 1
            continue

        if args.callgrind:
            c_ir = callgrind_count([python, script], args.timeout * 60)
            s_ir = callgrind_count([slpy, script], args.timeout * 60)
            if not c_ir or not s_ir:
                print("%-16s FAILED  (callgrind run failed)" % name)
                bad += 1
                continue
            ratio = s_ir / c_ir
            ratios.append(ratio)
            print("%-16s %16d %16d %8.3f" % (name, c_ir, s_ir, ratio), flush=True)
            continue

        best_c = best_s = cpu_c = cpu_s = float("inf")
        rss_c = rss_s = 0
        failed = False
        for _ in range(args.runs):
            _, _, rc_s, t_s, u_s, m_s = run(python, [slpy, script], args.timeout)
            _, _, rc_c, t_c, u_c, m_c = run(python, [python, script], args.timeout)
            if rc_s != 0 or rc_c != 0:
                failed = True
                break
            best_s = min(best_s, t_s)
            best_c = min(best_c, t_c)
            cpu_s = min(cpu_s, u_s)
            cpu_c = min(cpu_c, u_c)
            rss_s = max(rss_s, m_s)
            rss_c = max(rss_c, m_c)
        if failed:
            print("%-16s FAILED  (a timed run failed or timed out)" % name)
            bad += 1
            continue
        ratio = best_s / best_c
        ratios.append(ratio)
        cpu_ratio = cpu_s / cpu_c if cpu_c else float("nan")
        if cpu_c:
            cpu_ratios.append(cpu_ratio)
        rss_ratio = rss_s / rss_c if rss_c else float("nan")
        if rss_c:
            rss_ratios.append(rss_ratio)
        print("%-16s %10.3f %10.3f %8.3f %8.3f %9.1f %9.1f %8.2f"
              % (name, best_c, best_s, ratio, cpu_ratio, rss_c / 1024, rss_s / 1024, rss_ratio), flush=True)

    print("-" * len(header))
    if ratios:
        w = 16 if args.callgrind else 10
        rss = "" if args.callgrind else " %8.3f %9s %9s %8.2f" % (geomean(cpu_ratios), "", "", geomean(rss_ratios))
        print("%-16s %*s %*s %8.3f%s  (%d program%s; lower is better)"
              % ("geomean", w, "", w, "", geomean(ratios), rss, len(ratios), "" if len(ratios) == 1 else "s"))
    if bad:
        print("%d program(s) MISMATCH/FAILED" % bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
