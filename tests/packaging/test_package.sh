#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch root and runs both programs from there
# on the system's Qt, as the installed package would run, with no display.
# usage: test_package.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build=$1 version=$2 id=$3
for tool in cpack dpkg-deb dpkg-shlibdeps; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (dpkg-dev)"; exit 77; }
done
fail() { echo "FAIL: $*"; exit 1; }

work=$(mktemp -d /tmp/ordertrail-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack"; }
deb=$(echo "$work/out/ordertrail_${version}_"*.deb)
[ -f "$deb" ] || fail "no package in $work/out: $(ls "$work/out")"

# The libraries it links (from dpkg-shlibdeps) and the plugins Qt loads at run time.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6network6 \
    libqt6httpserver6 libqt6sql6-sqlite libqt6sql6-psql libqt6svg6; do
    grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || fail "Depends lacks $package"
done

root=$work/root
dpkg-deb -x "$deb" "$root"
for file in bin/ordertrail bin/ordertrail-cli share/applications/$id.desktop \
    share/metainfo/$id.metainfo.xml share/icons/hicolor/scalable/apps/$id.svg \
    share/man/man1/ordertrail.1 share/man/man1/ordertrail-cli.1 share/doc/ordertrail/copyright; do
    [ -f "$root/usr/$file" ] || fail "the package lacks /usr/$file"
done
if ldd "$root/usr/bin/ordertrail" "$root/usr/bin/ordertrail-cli" | grep "not found"; then
    fail "unresolved libraries"
fi

# As a user's shell would run them: nothing from the build, no display.
run() {
    env -u LD_LIBRARY_PATH -u QT_PLUGIN_PATH -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
        -u ORDERTRAIL_DB HOME="$work/home" XDG_RUNTIME_DIR= "$@"
}
out=$(run "$root/usr/bin/ordertrail-cli" --version)
[ "$out" = "ordertrail-cli $version" ] || fail "ordertrail-cli --version said: $out"
out=$(run "$root/usr/bin/ordertrail" --version)
[ "$out" = "OrderTrail $version" ] || fail "ordertrail --version said: $out"
run "$root/usr/bin/ordertrail" --help | grep -q -- "--db <URL>" || fail "ordertrail --help"

db=sqlite:$work/orders.sqlite
run "$root/usr/bin/ordertrail-cli" --db "$db" demo-data 3 >/dev/null || fail "demo-data 3"
run "$root/usr/bin/ordertrail-cli" --db "$db" verify || fail "verify"
orders=$(run "$root/usr/bin/ordertrail-cli" --db "$db" orders)
[ "$(grep -o '"id":"ORD-' <<<"$orders" | wc -l)" -eq 3 ] || fail "orders: $orders"
echo "ordertrail_${version} installs and runs"
