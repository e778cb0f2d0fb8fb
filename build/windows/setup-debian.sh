#!/usr/bin/env bash
# Installs, only when missing, what the Windows build and its Wine test
# need on Debian 12: the mingw-w64 cross compilers (C and C++, posix thread
# model), cmake and dpkg-dev to build Debian's source packages of the OCR
# libraries, nsis for the installer, ImageMagick for the icon, zip, Debian's
# English Tesseract data (the same file the Linux build reads), and with
# --wine: wine64, Xvfb and xdotool for test-windows. Adds a deb-src entry
# for `apt-get source` when there is none.
set -euo pipefail
pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 cmake make dpkg-dev
	nsis imagemagick zip tesseract-ocr-eng pkg-config)
if [ "${1:-}" = --wine ]; then
	pkgs+=(wine64 wine xvfb xdotool x11-apps)
fi
if [ "${1:-}" = --vet ]; then
	pkgs=(gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 libtesseract-dev libleptonica-dev libheif-dev pkg-config)
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_src=0
if [ "${1:-}" != --vet ] && ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	need_src=1
	echo "setup: adding a deb-src entry (/etc/apt/sources.list.d/loanbatch-src.sources)"
	. /etc/os-release
	$SUDO tee /etc/apt/sources.list.d/loanbatch-src.sources >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: ${VERSION_CODENAME:-bookworm} ${VERSION_CODENAME:-bookworm}-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_src -eq 1 ]; then
	[ ${#missing[@]} -gt 0 ] && echo "setup: installing ${missing[*]}"
	$SUDO apt-get update -qq
	if [ ${#missing[@]} -gt 0 ]; then
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
	fi
fi
