#!/usr/bin/env bash
# Builds OrderTrail with its tests and runs the whole suite with CTest, on SQLite and on a
# throwaway PostgreSQL cluster that this script starts and removes again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/deps.sh"
ordertrail_install_missing postgresql-15 python3

build=${ORDERTRAIL_BUILD_DIR:-$root/build-tests}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" --parallel 2

pgdir=$(mktemp -d /tmp/ordertrail-pg.XXXXXX)
trap '"$root/tools/pg-test-cluster.sh" stop "$pgdir"' EXIT
ORDERTRAIL_TEST_PG=$("$root/tools/pg-test-cluster.sh" start "$pgdir")
export ORDERTRAIL_TEST_PG

ctest --test-dir "$build" --output-on-failure --parallel 2 --timeout 900

# clang-format, the include layers, file sizes and clang-tidy over the build's compile commands
# (ORDERTRAIL_CHECK_CODE=0 skips this pass).
if [ "${ORDERTRAIL_CHECK_CODE:-1}" = 1 ]; then
    "$root/tools/check-code.sh" "$build"
fi

# Once more under AddressSanitizer and UndefinedBehaviorSanitizer (the package test builds a
# release package and the benchmarks are figures, so both are left out of this pass).
if [ "${ORDERTRAIL_SANITIZE:-1}" = 1 ]; then
    asan=${ORDERTRAIL_ASAN_BUILD_DIR:-$root/build-asan}
    cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DOT_SANITIZE=ON \
        -DBUILD_TESTING=ON >/dev/null
    cmake --build "$asan" --parallel 2
    # print_suppressions=0: a suppressed leak must not print its summary on stderr, which the
    # tests of the CLI's messages read (a libcrypto allocation left at exit, suppressed, once
    # failed test_environment under load that way; it did not come back alone).
    ASAN_OPTIONS=detect_leaks=1 \
        LSAN_OPTIONS=suppressions="$root/tests/lsan.supp":print_suppressions=0 \
        UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir "$asan" --output-on-failure --parallel 2 --timeout 900 \
        --label-exclude "package|bench"
fi

# The libFuzzer targets (tests/fuzz/), each for a bounded time from its seed corpus, in a clang
# build of only the core library and the targets (ORDERTRAIL_FUZZ=0 skips this pass).
if [ "${ORDERTRAIL_FUZZ:-1}" = 1 ]; then
    fuzz=${ORDERTRAIL_FUZZ_BUILD_DIR:-$root/build-fuzz}
    CC=clang CXX=clang++ cmake -S "$root" -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DOT_FUZZ=ON >/dev/null
    cmake --build "$fuzz" --parallel 2
    ctest --test-dir "$fuzz" --output-on-failure --parallel 2 --label-regex fuzz
fi
