#!/bin/sh
# Debian packages the tests and the application need: the shared libraries Qt loads even
# offscreen, poppler-utils (pdftotext/pdftoppm, to look at printed forms), xvfb (a virtual
# screen) and postgresql (a throwaway server for the tests, started by pg_virtualenv).
# Installs only what is missing; needs root (or passwordless sudo) when something is.
set -e
PACKAGES="libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libnss3 poppler-utils xvfb postgresql"
# Other packages when named (make windows: nsis; make windows-smoke: nsis, wine, wine64 too).
[ $# -gt 0 ] && PACKAGES="$*"
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to do here
missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "Not root: please install$missing" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
