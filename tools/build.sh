#!/usr/bin/env bash
# Configures (once) and builds slpy in Release mode into build/ (or $SLPY_BUILD_DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SLPY_BUILD_DIR:-$root/build}
bash "$root/tools/deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
fi
ninja -C "$build" "${SLPY_TARGETS:-all}" >&2
