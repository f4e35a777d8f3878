#!/bin/sh
# Installs the Debian packages the build and tests need, only those not installed yet: chromium and
# prometheus (promtool) drive the dashboard's browser and metrics tests; the JDK compiles and runs the
# Minecraft example; python3-venv holds schemathesis (tools/schemathesis).
set -eu
missing=""
for package in liblua5.4-dev libsqlite3-dev libcurl4-openssl-dev pkg-config chromium prometheus openjdk-17-jdk-headless python3-venv; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
