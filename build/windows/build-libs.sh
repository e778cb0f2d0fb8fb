#!/usr/bin/env bash
# Cross-builds the C/C++ libraries gosseract links (Tesseract, Leptonica and
# the image libraries Leptonica reads with: zlib, libpng, libjpeg-turbo,
# libtiff) as static mingw-w64 libraries for windows/amd64, from Debian's own
# source packages (apt-get source, the same versions and patches the Linux
# build links). Everything goes to $LB_CACHE (default
# ~/.cache/loanbatch-windows), outside the git tree, and a library already
# built is not built again: a second `make windows` skips this in a second.
#
# The legacy (pre-LSTM) Tesseract engine is left out: Debian's
# eng.traineddata (tesseract-ocr-eng) holds only the LSTM model, so the
# Linux build reads with LSTM only too, and it is a third of the compile.
#
# Static libraries, so loanbatch.exe needs no DLL next to it. OpenMP, curl,
# libarchive, training tools, GIF/WebP/OpenJPEG in Leptonica: all off (not
# used by the app, and each one more library to cross-build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CACHE=${LB_CACHE:-$HOME/.cache/loanbatch-windows}
export LB_PREFIX=$CACHE/prefix
SRC=$CACHE/src
BLD=$CACHE/build
JOBS=${JOBS:-2}
mkdir -p "$SRC" "$BLD" "$LB_PREFIX"/{lib,include}
TC=$here/mingw-toolchain.cmake
# -muse-unaligned-vector-move: gcc does not keep the 32-byte stack alignment
# AVX spills need on Win64 (GCC bug 54412), and Tesseract's AVX/FMA dot
# products would crash with aligned moves; the assembler turns them into
# unaligned ones, same speed on any CPU with AVX.
export CFLAGS="-O2 -Wa,-muse-unaligned-vector-move"
export CXXFLAGS="$CFLAGS"
cmake_common=(-G "Unix Makefiles" -DCMAKE_TOOLCHAIN_FILE="$TC" -DCMAKE_BUILD_TYPE=Release
	-DCMAKE_INSTALL_PREFIX="$LB_PREFIX" -DCMAKE_PREFIX_PATH="$LB_PREFIX" -DBUILD_SHARED_LIBS=OFF
	-DCMAKE_POSITION_INDEPENDENT_CODE=OFF)

# fetch PKG [DIRPREFIX]: Debian's source package, unpacked with its
# patches, into $SRC; prints the source folder (everything else to stderr).
fetch() {
	local pkg=$1 prefix=${2:-$1}
	if ! ls "$SRC/$pkg"_*.dsc >/dev/null 2>&1; then
		if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
			echo "build-libs: no deb-src entry; run build/windows/setup-debian.sh first" >&2
			exit 1
		fi
		(cd "$SRC" && apt-get source --download-only "$pkg") >&2
	fi
	local dir
	dir=$(find "$SRC" -mindepth 1 -maxdepth 1 -type d -iname "$prefix*" | head -1)
	if [ -z "$dir" ]; then
		local dsc
		dsc=$(ls "$SRC/$pkg"_*.dsc | head -1)
		(cd "$SRC" && dpkg-source -x "$(basename "$dsc")") >/dev/null 2>&1
		dir=$(find "$SRC" -mindepth 1 -maxdepth 1 -type d -iname "$prefix*" | head -1)
	fi
	[ -n "$dir" ] || { echo "build-libs: could not unpack $pkg" >&2; exit 1; }
	echo "$dir"
}

stamp() { [ -f "$LB_PREFIX/.built-$1" ]; }
done_() { touch "$LB_PREFIX/.built-$1"; echo "build-libs: $1 done"; }

if ! stamp zlib; then
	s=$(fetch zlib zlib-)
	# Debian's zlib source drops win32/, so the library is compiled directly.
	rm -rf "$BLD/zlib" && mkdir -p "$BLD/zlib"
	for c in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
		x86_64-w64-mingw32-gcc-posix $CFLAGS -c "$s/$c.c" -o "$BLD/zlib/$c.o"
	done
	rm -f "$LB_PREFIX/lib/libz.a"
	x86_64-w64-mingw32-ar rcs "$LB_PREFIX/lib/libz.a" "$BLD"/zlib/*.o
	cp "$s/zlib.h" "$s/zconf.h" "$LB_PREFIX/include/"
	done_ zlib
fi

build_cmake() { # name srcdir cmake-args...
	local name=$1 s=$2
	shift 2
	rm -rf "$BLD/$name" && mkdir -p "$BLD/$name"
	cmake -S "$s" -B "$BLD/$name" "${cmake_common[@]}" "$@" >"$BLD/$name.configure.log" 2>&1 ||
		{ tail -40 "$BLD/$name.configure.log"; exit 1; }
	cmake --build "$BLD/$name" -j"$JOBS" >"$BLD/$name.build.log" 2>&1 ||
		{ tail -40 "$BLD/$name.build.log"; exit 1; }
	cmake --install "$BLD/$name" >"$BLD/$name.install.log" 2>&1 ||
		{ tail -40 "$BLD/$name.install.log"; exit 1; }
}

if ! stamp png; then
	s=$(fetch libpng1.6)
	build_cmake png "$s" -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
		-DZLIB_LIBRARY="$LB_PREFIX/lib/libz.a" -DZLIB_INCLUDE_DIR="$LB_PREFIX/include"
	done_ png
fi

if ! stamp jpeg; then
	s=$(fetch libjpeg-turbo)
	# WITH_SIMD needs nasm; Leptonica decodes few JPEGs here (the app hands
	# Tesseract decoded pages), so the plain C decoder is enough.
	build_cmake jpeg "$s" -DENABLE_SHARED=OFF -DENABLE_STATIC=ON -DWITH_SIMD=OFF -DWITH_TURBOJPEG=OFF
	done_ jpeg
fi

if ! stamp tiff; then
	s=$(fetch tiff)
	build_cmake tiff "$s" -Dtiff-tools=OFF -Dtiff-tests=OFF -Dtiff-contrib=OFF -Dtiff-docs=OFF \
		-Dwebp=OFF -Dzstd=OFF -Dlzma=OFF -Djbig=OFF -Dlibdeflate=OFF -Dlerc=OFF -Dpixarlog=OFF -Dcxx=OFF \
		-Djpeg=ON -Dzlib=ON -DZLIB_LIBRARY="$LB_PREFIX/lib/libz.a" -DZLIB_INCLUDE_DIR="$LB_PREFIX/include"
	done_ tiff
fi

if ! stamp leptonica; then
	s=$(fetch leptonlib leptonlib)
	build_cmake leptonica "$s" -DSW_BUILD=OFF -DBUILD_PROG=OFF \
		-DCMAKE_DISABLE_FIND_PACKAGE_GIF=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON \
		-DWEBP_INCLUDE_DIR=NOTFOUND -DWEBP_LIBRARY=NOTFOUND -DWEBPMUX_INCLUDE_DIR=NOTFOUND \
		-DJP2K_INCLUDE_DIR=NOTFOUND -DJP2K_LIBRARY=NOTFOUND \
		-DZLIB_LIBRARY="$LB_PREFIX/lib/libz.a" -DZLIB_INCLUDE_DIR="$LB_PREFIX/include"
	done_ leptonica
fi

if ! stamp tesseract; then
	s=$(fetch tesseract tesseract)
	lept_dir=$(dirname "$(find "$LB_PREFIX/lib" -name 'LeptonicaConfig.cmake' | head -1)")
	# tesseract.exe links "Ws2_32", a name only case-insensitive Windows
	# finds: an alias for mingw's libws2_32.a.
	mkdir -p "$BLD/winlibs"
	ln -sfn /usr/x86_64-w64-mingw32/lib/libws2_32.a "$BLD/winlibs/libWs2_32.a"
	build_cmake tesseract "$s" -DSW_BUILD=OFF -DOPENMP_BUILD=OFF -DBUILD_TRAINING_TOOLS=OFF \
		-DBUILD_TESTS=OFF -DDISABLE_CURL=ON -DDISABLE_ARCHIVE=ON -DGRAPHICS_DISABLED=ON \
		-DENABLE_LTO=OFF -DINSTALL_CONFIGS=OFF -DLeptonica_DIR="$lept_dir" -DDISABLED_LEGACY_ENGINE=ON \
		-DCMAKE_DISABLE_FIND_PACKAGE_OpenCL=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON \
		-DCMAKE_EXE_LINKER_FLAGS="-L$BLD/winlibs -static"
	done_ tesseract
fi

# gosseract links "-lleptonica -ltesseract" in that order. With static
# archives the linker would not go back to Leptonica for what Tesseract
# needs, so both names point at archives that carry everything after them:
# libleptonica.a = Leptonica + TIFF + JPEG + PNG + zlib, libtesseract.a =
# Tesseract + all of those (an object already taken is not taken twice).
out=$CACHE/gosseract
if [ ! -f "$out/lib/libtesseract.a" ] || [ "$LB_PREFIX/.built-tesseract" -nt "$out/lib/libtesseract.a" ]; then
	rm -rf "$out" && mkdir -p "$out/lib"
	lept=$(ls "$LB_PREFIX"/lib/libleptonica*.a | head -1)
	tess=$(ls "$LB_PREFIX"/lib/libtesseract*.a | head -1)
	deps=("$LB_PREFIX/lib/libtiff.a" "$LB_PREFIX/lib/libjpeg.a" "$LB_PREFIX/lib/libpng16.a" "$LB_PREFIX/lib/libz.a")
	mri() { # out.a in.a...
		local o=$1
		shift
		{ echo "create $o"; for a in "$@"; do echo "addlib $a"; done; echo save; echo end; } |
			x86_64-w64-mingw32-ar -M
	}
	mri "$out/lib/libleptonica.a" "$lept" "${deps[@]}"
	mri "$out/lib/libtesseract.a" "$tess" "$lept" "${deps[@]}"
	x86_64-w64-mingw32-ranlib "$out/lib/libleptonica.a" "$out/lib/libtesseract.a"
fi
# lept.go asks pkg-config for "lept".
mkdir -p "$out/pkgconfig"
cat >"$out/pkgconfig/lept.pc" <<PC
Name: lept
Description: Leptonica (static, with TIFF, JPEG, PNG, zlib) for windows/amd64
Version: 1.82.0
Cflags: -I$LB_PREFIX/include -I$LB_PREFIX/include/leptonica
Libs: -L$out/lib -lleptonica
PC
echo "build-libs: libraries in $out/lib, headers in $LB_PREFIX/include"
