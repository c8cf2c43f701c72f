#!/usr/bin/env bash
# Builds OrderTrail (Release) and starts the desktop app on the SQLite file in your data folder.
# Arguments are passed to the app, e.g. --db sqlite:/path/to/orders.sqlite
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/tools/deps.sh"
ordertrail_install_missing

build=${ORDERTRAIL_BUILD_DIR:-$root/build-release}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel 2
exec "$build/app/ordertrail" "$@"
