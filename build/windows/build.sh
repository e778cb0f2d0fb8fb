#!/usr/bin/env bash
# make windows: loanbatch.exe for windows/amd64, cross-built with cgo on
# Debian, packaged as dist/LoanBatch-VERSION-windows-amd64.zip and the NSIS
# installer dist/LoanBatch-VERSION-setup.exe.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/build/windows
GO=${GO:-go}
CACHE=${LB_CACHE:-$HOME/.cache/loanbatch-windows}
bash "$here/setup-debian.sh"
bash "$here/build-libs.sh"

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
buildno=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
IFS=. read -r v1 v2 v3 <<<"$version"
out=$root/dist
stage=$root/build/windows/out/LoanBatch-$version
rm -rf "$stage" && mkdir -p "$stage/tessdata" "$out"

# Resources: the icon in the sizes Explorer and the Start menu use, the
# version information and the manifest, linked in as a .syso that only a
# windows/amd64 build picks up (and removed again afterwards).
res=$root/build/windows/out/res
mkdir -p "$res"
convert assets/Icon.png -define icon:auto-resize=256,128,64,48,32,24,16 "$res/loanbatch.ico"
sed "s/@VERSION4@/$v1.$v2.$v3.${buildno:-0}/" "$here/loanbatch.exe.manifest" >"$res/loanbatch.exe.manifest"
sed -e "s/@VERSION_COMMA@/$v1,$v2,$v3,${buildno:-0}/" -e "s/@VERSION@/$version/" "$here/loanbatch.rc.in" >"$res/loanbatch.rc"
syso=cmd/loanbatch/rsrc_windows_amd64.syso
x86_64-w64-mingw32-windres -O coff -I "$res" -i "$res/loanbatch.rc" -o "$syso"
trap 'rm -f "$root/$syso"' EXIT

# gosseract links -lleptonica -ltesseract, lept.go asks pkg-config for
# "lept": both find the static archives build-libs.sh made. -static puts
# libstdc++, libgcc and winpthread inside the .exe: no DLL to ship.
# Headers through CPATH and the library folder in -extldflags rather than
# CGO_CPPFLAGS/CGO_LDFLAGS, which are part of every cgo package's cache key:
# so vet.sh (make test) and this build share the compiled OpenGL bindings.
echo "windows: go build loanbatch.exe"
unset CGO_CPPFLAGS CGO_CFLAGS CGO_CXXFLAGS CGO_LDFLAGS
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	CC=x86_64-w64-mingw32-gcc-posix CXX=x86_64-w64-mingw32-g++-posix \
	PKG_CONFIG_LIBDIR="$CACHE/gosseract/pkgconfig" PKG_CONFIG_PATH= CPATH="$CACHE/prefix/include" \
	$GO build -tags migrated_fynedo -trimpath \
	-ldflags "-s -w -H=windowsgui '-extldflags=-static -L$CACHE/gosseract/lib'" \
	-o "$stage/loanbatch.exe" ./cmd/loanbatch

# The English language data: Debian's tesseract-ocr-eng, the file the
# Linux build reads, so both builds read a scan the same way. Tesseract on
# Windows looks for tessdata\ next to the .exe.
tessdata=$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata | head -1)
cp "$tessdata" "$stage/tessdata/"
cp "$res/loanbatch.ico" "$stage/"
cp "$here/README-windows.txt" "$stage/README.txt"
sed -i 's/$/\r/' "$stage/README.txt"

zip=$out/LoanBatch-$version-windows-amd64.zip
rm -f "$zip"
(cd "$(dirname "$stage")" && zip -qr -9 "$zip" "$(basename "$stage")")
echo "windows: $zip"

makensis -V2 -DVERSION="$version" -DVERSION4="$v1.$v2.$v3.${buildno:-0}" -DSTAGE="$stage" \
	-DOUTFILE="$out/LoanBatch-$version-setup.exe" "$here/installer.nsi"
echo "windows: $out/LoanBatch-$version-setup.exe"
ls -la "$out"
