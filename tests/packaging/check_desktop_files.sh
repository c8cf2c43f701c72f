#!/usr/bin/env bash
# The desktop entry and AppStream metainfo pass the freedesktop validators, and the metainfo's
# newest release is the project's version.
# usage: check_desktop_files.sh DESKTOP_FILE METAINFO_FILE VERSION
set -euo pipefail
desktop=$1 metainfo=$2 version=$3
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$metainfo"
grep -q "<release version=\"$version\"" "$metainfo" ||
    { echo "FAIL: $metainfo has no <release> for version $version"; exit 1; }
