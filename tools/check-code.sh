#!/usr/bin/env bash
# The code's own rules, checked the same way on every machine: clang-format (.clang-format), the
# include layers (tools/check_layers.py), no source file over 600 lines, and clang-tidy
# (.clang-tidy) on every source file of the programs, from the compile commands of BUILD_DIR.
# Any finding fails.
#   check-code.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: $0 BUILD_DIR (configured, with compile_commands.json)}
cd "$root"

mapfile -t sources < <(git ls-files '*.cpp' '*.h')
clang-format --dry-run --Werror "${sources[@]}"

python3 tools/check_layers.py .

long=$(git ls-files 'app/*.cpp' 'core/*.cpp' 'report/*.cpp' 'server/*.cpp' 'ui/*.cpp' | xargs wc -l |
    awk '$2 != "total" && $1 > 600 { print $2 " has " $1 " lines (at most 600)" }')
if [ -n "$long" ]; then
    echo "$long"
    exit 1
fi

# The programs' sources only: moc's generated files and the tests are not ours to style.
run-clang-tidy -quiet -p "$build" -j 2 "^$root/(app|core|report|server|ui)/[^/]+/?[^/]*\\.cpp\$" \
    >"$build/clang-tidy.log" 2>&1 || true
if ! grep -q "^clang-tidy" "$build/clang-tidy.log"; then
    echo "clang-tidy checked no file: see $build/clang-tidy.log" >&2
    exit 1
fi
if grep -q "error:" "$build/clang-tidy.log"; then
    grep -A3 "error:" "$build/clang-tidy.log" >&2
    exit 1
fi
echo "code checks: clang-format, layers, file sizes, clang-tidy clean"
