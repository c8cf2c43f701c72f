#!/bin/sh
# The suite's bounded fuzz run: FUZZER for SECONDS from the seed corpus SEEDS (read only; new
# inputs go to a throwaway folder, never into the source tree). A failing input is saved in
# ARTIFACTS as crash-*, leak-*, timeout-* or oom-*; the test fails then.
# Usage: run-fuzzer.sh FUZZER SEEDS ARTIFACTS SECONDS [LIBFUZZER_OPTION...]
set -eu
fuzzer=$1 seeds=$2 artifacts=$3 seconds=$4
shift 4
work=$(mktemp -d "${TMPDIR:-/tmp}/ordertrail-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$@" "$work" "$seeds"
