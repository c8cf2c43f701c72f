#!/usr/bin/env bash
# Builds the Debian package of OrderTrail: build-deb/ordertrail_VERSION_ARCH.deb.
# Install it with: sudo apt install ./build-deb/ordertrail_*.deb
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/deps.sh"
ordertrail_install_missing

build=${ORDERTRAIL_BUILD_DIR:-$root/build-deb}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel 2
(cd "$build" && cpack -G DEB)
