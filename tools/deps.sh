#!/usr/bin/env bash
# Installs the Debian 12 packages slpy needs to build and test, if any are missing.
#   tools/deps.sh           what the build and the tests need
#   tools/deps.sh --bench   also the benchmark anchors bench/stackless/run.py compares with
#                           (Go, Lua 5.4, greenlet for Debian's CPython 3.11)
set -euo pipefail

# clang and libclang-rt-14-dev (which holds libclang_rt.fuzzer-x86_64.a; clang does not
# depend on it) build the libFuzzer targets in tools/ci_sanitize.
packages=(cmake ninja-build g++ libboost-context-dev libboost-dev catch2 libgmp-dev python3 ccache
          libpython3.11-stdlib
          clang libclang-rt-14-dev
          zlib1g-dev libssl-dev # the zlib and _hashlib modules bind zlib and OpenSSL's libcrypto
          libexpat1-dev # the pyexpat module binds libexpat
          libbz2-dev liblzma-dev # the _bz2 and _lzma modules bind libbz2 and liblzma
          uuid-dev # the _uuid module binds libuuid
          libpython3.11-testsuite) # CPython's regression tests: tests/cpython/
if [ "${1:-}" = "--bench" ]; then
  packages+=(golang-go lua5.4 python3-greenlet)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "slpy: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
