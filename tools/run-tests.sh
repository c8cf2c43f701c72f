#!/usr/bin/env bash
# Builds OrderTrail with its tests and runs the whole suite with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/deps.sh"
ordertrail_install_missing

build=${ORDERTRAIL_BUILD_DIR:-$root/build-tests}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" --parallel 2
ctest --test-dir "$build" --output-on-failure --parallel 2 --timeout 900
