#!/usr/bin/env python3
"""Stackless anchors: slpy/stackless against Go, Lua 5.4 and CPython 3.11 + greenlet.

usage: bench/stackless/run.py [--slpy PATH] [--runs N] [--only MEASURE[,MEASURE...]]

Measures (same sizes in every language; each program prints "RESULT <measure> <value> <unit>"):
  pingpong  two tasklets bounce a value over channels, per hand-off
  ring      10,000 tasklets pass a token 100 rounds, per hop
  spawn     spawn + run + finish 1,000,000 trivial tasklets, per tasklet
  rss       RSS growth per tasklet blocked in a one-frame function, at 1,000,000
  gen       generator next() driven by a for loop, per item (slpy and CPython only)
Every measure runs in a fresh process; times are the best of N runs (default 3), RSS is the
smallest. A toolchain that is not installed (go, lua5.4, greenlet for python3.11) is skipped
with a note: `tools/deps.sh --bench` installs them (golang-go, lua5.4, python3-greenlet).
CPython is Debian's /usr/bin/python3.11 (PGO+LTO, the fastest here), not whatever python3.11
is first on PATH. Ratios are slpy / other (lower is better for slpy).
Only the Python standard library is used.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MEASURES = ["pingpong", "ring", "spawn", "rss", "gen"]
TIMEOUT = 60


def env(extra=None):
    e = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        e.pop(var, None)
    e["GOMAXPROCS"] = "1"
    e.update(extra or {})
    return e


def result(cmd, measure):
    """Run cmd once; return (value, unit) from its RESULT line, or (None, reason)."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           env=env(), timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "RESULT" and parts[1] == measure:
            return float(parts[2]), parts[3]
    tail = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
    return None, "failed: " + tail[:60]


def best(cmd, measure, runs):
    values, unit = [], None
    for _ in range(1 if measure == "rss" else runs):
        v, u = result(cmd, measure)
        if v is None:
            return None, u
        values.append(v)
        unit = u
    return min(values), unit


def systems(slpy, notes):
    """name -> {measure: argv} for every toolchain that is installed."""
    out = {}
    out["slpy"] = {m: [slpy, os.path.join(HERE, "slp_bench.py"), m] for m in MEASURES[:4]}
    out["slpy"]["gen"] = [slpy, os.path.join(HERE, "gen_bench.py")]
    py = "/usr/bin/python3.11" if os.path.exists("/usr/bin/python3.11") else (shutil.which("python3.11") or "")
    if py and os.path.exists(py):
        out["cpython"] = {"gen": [py, os.path.join(HERE, "gen_bench.py")]}
        ok = subprocess.run([py, "-c", "import greenlet"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL).returncode == 0
        if ok:
            out["greenlet"] = {m: [py, os.path.join(HERE, "greenlet_bench.py"), m]
                               for m in MEASURES[:4]}
        else:
            notes.append("greenlet: skipped (python3.11 -c 'import greenlet' fails; "
                         "Debian package python3-greenlet)")
    else:
        notes.append("cpython/greenlet: skipped (no python3.11)")
    go = shutil.which("go")
    if go:
        exe = os.path.join(tempfile.gettempdir(), "slpy_go_bench_%d" % os.getpid())
        p = subprocess.run([go, "build", "-o", exe, os.path.join(HERE, "go_bench.go")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env=env())
        if p.returncode == 0:
            out["go"] = {m: [exe, m] for m in MEASURES[:4]}
        else:
            notes.append("go: build failed: " + p.stdout.strip()[-200:])
    else:
        notes.append("go: skipped (no `go` on PATH; Debian package golang-go)")
    lua = shutil.which("lua5.4")
    if lua:
        out["lua"] = {m: [lua, os.path.join(HERE, "lua_bench.lua"), m] for m in MEASURES[:4]}
    else:
        notes.append("lua: skipped (no `lua5.4` on PATH; Debian package lua5.4)")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--slpy", default=os.path.join(ROOT, "build", "slpy"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    measures = [m for m in MEASURES if not args.only or m in args.only.split(",")]
    if not os.path.exists(args.slpy):
        sys.exit("run.py: no slpy at %s (use --slpy)" % args.slpy)
    notes = []
    syst = systems(os.path.abspath(args.slpy), notes)
    order = [s for s in ("slpy", "go", "lua", "greenlet", "cpython") if s in syst]
    table = {}
    for m in measures:
        for s in order:
            if m in syst[s]:
                table[(s, m)] = best(syst[s][m], m, args.runs)
                print("  %-9s %-8s %s" % (s, m, table[(s, m)]), file=sys.stderr, flush=True)

    def cell(s, m):
        v, u = table.get((s, m), (None, "-"))
        if v is None:
            return "-" if u == "-" else u
        return "%.0f" % v

    def ratio(m, other):
        a, b = table.get(("slpy", m), (None,)), table.get((other, m), (None,))
        if a[0] is None or b[0] is None or b[0] == 0:
            return "-"
        return "%.2fx" % (a[0] / b[0])

    units = {m: next((table[(s, m)][1] for s in order if table.get((s, m), (None,))[0] is not None), "")
             for m in measures}
    others = [s for s in order if s != "slpy"]
    head = ["measure", "unit"] + order + ["slpy/" + o for o in others]
    rows = [[m, units[m]] + [cell(s, m) for s in order] + [ratio(m, o) for o in others]
            for m in measures]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    for n in notes:
        print("note:", n)
    bad = [k for k, v in table.items() if v[0] is None]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
