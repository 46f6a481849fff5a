#!/usr/bin/env python3
"""Benchmark slpy against CPython.

usage: bench/run.py [--slpy PATH] [--python PYTHON] [--runs N] [--only NAME[,NAME...]]
                    [--callgrind] [--timeout SECONDS]

For each bench/*.py program: runs it once under CPython and once under slpy and
compares stdout + exit status; on a difference the program is marked MISMATCH
(or FAILED when slpy crashed / timed out / is missing) and not timed.  Otherwise
runs slpy and CPython alternately N times (default 5) and reports the best
(minimum) wall time of each and the ratio slpy/CPython (lower is better), plus
the geometric mean of the ratios.

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


def run(cmd, timeout):
    """Run cmd in bench/; return (stdout, stderr, rc, seconds); rc None on timeout."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=BENCH_DIR, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env(), timeout=timeout)
        return p.stdout, p.stderr, p.returncode, time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        return b"", b"", None, time.perf_counter() - t0
    except OSError as e:
        return b"", str(e).encode(), -1, 0.0


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


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slpy", default=os.path.join(REPO_ROOT, "build", "slpy"),
                    help="slpy binary (default: build/slpy in the repo root)")
    ap.add_argument("--python", default="python3", help="CPython to compare with (default: python3)")
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
        header = "%-16s %10s %10s %8s  %s" % ("program", "CPython s", "slpy s", "ratio", "")
    print(header)
    print("-" * len(header))

    ratios = []
    bad = 0
    for name in names:
        script = name + ".py"
        ref_out, ref_err, ref_rc, _ = run([python, script], args.timeout)
        if ref_rc != 0:
            print("%-16s CPython itself failed (rc=%s): %s" % (name, ref_rc, ref_err.decode(errors="replace")[-200:]))
            bad += 1
            continue
        out, err, rc, _ = run([slpy, script], args.timeout)
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

        best_c = best_s = float("inf")
        failed = False
        for _ in range(args.runs):
            _, _, rc_s, t_s = run([slpy, script], args.timeout)
            _, _, rc_c, t_c = run([python, script], args.timeout)
            if rc_s != 0 or rc_c != 0:
                failed = True
                break
            best_s = min(best_s, t_s)
            best_c = min(best_c, t_c)
        if failed:
            print("%-16s FAILED  (a timed run failed or timed out)" % name)
            bad += 1
            continue
        ratio = best_s / best_c
        ratios.append(ratio)
        print("%-16s %10.3f %10.3f %8.3f" % (name, best_c, best_s, ratio), flush=True)

    print("-" * len(header))
    if ratios:
        w = 16 if args.callgrind else 10
        print("%-16s %*s %*s %8.3f  (%d program%s; lower is better)"
              % ("geomean", w, "", w, "", geomean(ratios), len(ratios), "" if len(ratios) == 1 else "s"))
    if bad:
        print("%d program(s) MISMATCH/FAILED" % bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
