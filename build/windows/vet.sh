#!/usr/bin/env bash
# GOOS=windows go vet ./..., run by make test so the Windows build cannot
# rot unnoticed. Fyne's OpenGL driver is cgo on Windows too, so the vet runs
# with cgo and Debian's mingw-w64 C compiler. It needs only headers, not
# the cross-built libraries (that would be 20+ minutes on a clean CI
# machine): gosseract and lept.go see the Linux Tesseract and Leptonica
# headers (libtesseract-dev, libleptonica-dev: the same versions build-libs.sh
# cross-builds), through an include folder that holds nothing else, so no
# other Linux header is mixed with mingw's. libheif's headers are there for
# pipelinetest (test helpers, vetted with the tests); the Windows app does
# not use libheif.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
bash build/windows/setup-debian.sh --vet
V=${LB_CACHE:-$HOME/.cache/loanbatch-windows}/vet
mkdir -p "$V/include" "$V/pkgconfig"
ln -sfn /usr/include/leptonica "$V/include/leptonica"
ln -sfn /usr/include/tesseract "$V/include/tesseract"
for d in /usr/include/libheif /usr/include/*/libheif; do # multiarch on Debian 12
	[ -f "$d/heif.h" ] && ln -sfn "$d" "$V/include/libheif" && break
done
cat >"$V/pkgconfig/lept.pc" <<PC
Name: lept
Description: Leptonica headers only, for GOOS=windows go vet
Version: 1.82.0
Cflags: -I$V/include -I$V/include/leptonica
Libs: -lleptonica
PC
cat >"$V/pkgconfig/libheif.pc" <<PC
Name: libheif
Description: libheif headers only (pipelinetest's encoder, vetted, never built for Windows)
Version: 1.15.1
Cflags: -I$V/include
Libs: -lheif
PC
# The headers through CPATH, not CGO_CPPFLAGS: the go build cache keys
# every cgo package by its CGO_* flags, and with the same (unset) ones as
# build.sh, Fyne's OpenGL bindings (minutes of cgo) are compiled once for
# both. -trimpath as build.sh, for the same reason.
unset CGO_CPPFLAGS CGO_CFLAGS CGO_CXXFLAGS CGO_LDFLAGS
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	CC=x86_64-w64-mingw32-gcc-posix CXX=x86_64-w64-mingw32-g++-posix \
	PKG_CONFIG_LIBDIR="$V/pkgconfig" PKG_CONFIG_PATH= CPATH="$V/include" \
	$GO vet -trimpath ./...
echo "vet-windows: ok"
