#!/usr/bin/env bash
# GOOS=windows go vet ./..., run by make test so the Windows build cannot
# rot unnoticed. Fyne's OpenGL driver is cgo on Windows too, so the vet runs
# with cgo and Debian's mingw-w64 C compiler. It needs only headers, not
# the cross-built libraries (that would be 20+ minutes on a clean CI
# machine): gosseract and lept.go see the Linux Tesseract and Leptonica
# headers (libtesseract-dev, libleptonica-dev: the same versions build-libs.sh
# cross-builds), through an include folder that holds nothing else, so no
# other Linux header is mixed with mingw's. libheif is not used on Windows.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
bash build/windows/setup-debian.sh --vet
V=${LB_CACHE:-$HOME/.cache/loanbatch-windows}/vet
mkdir -p "$V/include" "$V/pkgconfig"
ln -sfn /usr/include/leptonica "$V/include/leptonica"
ln -sfn /usr/include/tesseract "$V/include/tesseract"
cat >"$V/pkgconfig/lept.pc" <<PC
Name: lept
Description: Leptonica headers only, for GOOS=windows go vet
Version: 1.82.0
Cflags: -I$V/include -I$V/include/leptonica
Libs: -lleptonica
PC
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	CC=x86_64-w64-mingw32-gcc-posix CXX=x86_64-w64-mingw32-g++-posix \
	PKG_CONFIG_LIBDIR="$V/pkgconfig" PKG_CONFIG_PATH= CGO_CPPFLAGS="-I$V/include" CGO_LDFLAGS= \
	$GO vet ./...
echo "vet-windows: ok"
