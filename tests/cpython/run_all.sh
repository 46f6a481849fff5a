#!/usr/bin/env bash
# CPython 3.11's regression tests on slpy: the whole list of ../shared/cpython-tests/
# (modules.txt and language.txt), one module at a time, then the per-module table and the
# share of CPython's passing tests that pass on slpy (compare.py).
#
#   tests/cpython/run_all.sh [SLPY] [TIMEOUT_S]     (defaults: build/slpy, 300 s a module)
#
# Needs Debian's libpython3.11-testsuite (tools/deps.sh installs it) and ../shared next to
# the project, as in CI. Takes one to two hours; CTest runs only the fast subset
# (tests/cpython/subset.txt, see check_subset.py). Results go to build/cpython-tests/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
slpy=$(realpath "${1:-$root/build/slpy}")
timeout=${2:-300}
shared=${SLPY_SHARED_DIR:-$root/../shared}/cpython-tests
out=$root/build/cpython-tests
mkdir -p "$out"
for list in modules language; do
  echo "== $list ($(date +%T))" >&2
  bash "$shared/run.sh" "$slpy" "$shared/$list.txt" "$timeout" | tee "$out/$list.slpy.txt" >&2
  python3 "$shared/compare.py" "$shared/$list.cpython.txt" "$out/$list.slpy.txt" > "$out/$list.table.md"
  tail -1 "$out/$list.table.md"
done
