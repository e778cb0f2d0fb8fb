package ocr

/*
#cgo pkg-config: lept
#include <stdlib.h>
#include <leptonica/allheaders.h>

// readGray decodes page n of an image in memory with Leptonica (libtiff,
// libjpeg, libpng underneath) and converts it to 8-bit gray. NULL when it
// cannot.
static PIX *readGray(const l_uint8 *data, size_t size, int tiff, int n, int opaque) {
	PIX *pix = tiff ? pixReadMemTiff(data, size, n) : pixReadMem(data, size);
	if (pix == NULL) return NULL;
	if (opaque && pixGetSpp(pix) == 4) { // transparency: Go flattens it onto white
		pixDestroy(&pix);
		return NULL;
	}
	PIX *gray = pixConvertTo8(pix, 0);
	pixDestroy(&pix);
	return gray;
}
*/
import "C"

import (
	"encoding/binary"
	"errors"
	"image"
	"unsafe"
)

var errLeptonica = errors.New("pipeline: the image could not be decoded")

// LeptonicaGray decodes page (0-based) of an image with Leptonica: the
// fallback for what Go's decoders refuse (CCITT fax variants, JPEG inside
// TIFF, arithmetic-coded JPEG). Validation has already bounded its size.
func LeptonicaGray(data []byte, tiff bool, page int) (*image.Gray, error) {
	return leptonicaRead(data, tiff, page, false)
}

// FastGray decodes a JPEG or a TIFF page with libjpeg-turbo or libtiff
// through Leptonica: two to five times faster than Go's decoders, which
// read 8-bit TIFF pixels one by one. Images with transparency are left to
// Go, which flattens them onto white.
func FastGray(data []byte, tiff bool, page int) (*image.Gray, error) {
	return leptonicaRead(data, tiff, page, true)
}

func leptonicaRead(data []byte, tiff bool, page int, opaqueOnly bool) (*image.Gray, error) {
	if len(data) == 0 {
		return nil, errLeptonica
	}
	t, opaque := C.int(0), C.int(0)
	if tiff {
		t = 1
	}
	if opaqueOnly {
		opaque = 1
	}
	// Leptonica reads the bytes during the call and keeps no reference.
	pix := C.readGray((*C.l_uint8)(unsafe.Pointer(&data[0])), C.size_t(len(data)), t, C.int(page), opaque)
	if pix == nil {
		return nil, errLeptonica
	}
	defer C.pixDestroy(&pix)
	w, h := int(C.pixGetWidth(pix)), int(C.pixGetHeight(pix))
	wpl := int(C.pixGetWpl(pix))
	if w <= 0 || h <= 0 || wpl <= 0 {
		return nil, errLeptonica
	}
	words := unsafe.Slice((*uint32)(unsafe.Pointer(C.pixGetData(pix))), wpl*h)
	out := image.NewGray(image.Rect(0, 0, w, h))
	var tail [4]byte
	for y := 0; y < h; y++ {
		row := words[y*wpl : (y+1)*wpl]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		// Leptonica packs pixels big-end first within 32-bit words.
		x := 0
		for ; x+4 <= w; x += 4 {
			binary.BigEndian.PutUint32(dst[x:], row[x>>2])
		}
		if x < w {
			binary.BigEndian.PutUint32(tail[:], row[x>>2])
			copy(dst[x:], tail[:])
		}
	}
	return out, nil
}
