#!/bin/sh
# Installs what the build and tests need, only what is missing: Debian packages (chromium and
# prometheus's promtool drive the dashboard's browser and metrics tests; the JDK compiles and runs the
# Minecraft example; hledger checks the hledger export; python3-venv holds schemathesis and beancount),
# and beancount from PyPI, pinned, in a venv under .build/ (bean-check checks the beancount export).
# Debian packages named as arguments are installed too (tools/bench adds Redis for its peer).
set -eu
cd "$(dirname "$0")/.."
missing=""
for package in liblua5.4-dev libsqlite3-dev libcurl4-openssl-dev pkg-config chromium prometheus openjdk-17-jdk-headless hledger python3-venv "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
BEANCOUNT=3.1.0
venv=.build/beancount-venv
if ! "$venv/bin/pip" show beancount 2>/dev/null | grep -qx "Version: $BEANCOUNT"; then
    echo "installing: beancount $BEANCOUNT in $venv"
    mkdir -p .build
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "beancount==$BEANCOUNT"
fi
