#!/usr/bin/env bash
# Installs the Debian 12 packages OrderTrail needs to build, run and test, if any are missing.
# Sourced by run-app.sh and run-tests.sh; uses sudo when not run as root.
set -euo pipefail

ordertrail_packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql
    libssl-dev # SHA-256 for the hash chain (libcrypto)
    libqt6svg6 # the SVG plugins that draw the application icon
    # ordertrail-cli serve; Debian's Qt6HttpServer CMake package needs the WebSockets one too
    qt6-httpserver-dev qt6-websockets-dev
    fonts-dejavu-core
    qt6-l10n-tools # build only: lupdate and lrelease make the translations
    qt6-translations-l10n # Qt's own strings (dialog buttons) in the user's language
    # test and packaging only: CPack's .deb and its dependencies (dpkg-shlibdeps), the
    # freedesktop validators for the desktop entry and metainfo, man to render the man pages
    dpkg-dev desktop-file-utils appstream man-db
    # test only: the fuzz targets (clang++, and libFuzzer with the sanitizer runtimes)
    clang libclang-rt-14-dev
    # test only: the code checks (tools/check-code.sh)
    clang-format clang-tidy
    # test only: pdftotext reads back the text of the PDF documents
    poppler-utils
)

ordertrail_install_missing() {
    local missing=()
    for package in "${ordertrail_packages[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2
}
