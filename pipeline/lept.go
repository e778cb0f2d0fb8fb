package pipeline

/*
#cgo pkg-config: lept
#include <stdlib.h>
#include <leptonica/allheaders.h>

// readGray decodes page n of an image in memory with Leptonica (libtiff,
// libjpeg, libpng underneath) and converts it to 8-bit gray. NULL when it
// cannot.
static PIX *readGray(const l_uint8 *data, size_t size, int tiff, int n) {
	PIX *pix = tiff ? pixReadMemTiff(data, size, n) : pixReadMem(data, size);
	if (pix == NULL) return NULL;
	PIX *gray = pixConvertTo8(pix, 0);
	pixDestroy(&pix);
	return gray;
}
*/
import "C"

import (
	"errors"
	"image"
	"unsafe"
)

var errLeptonica = errors.New("pipeline: the image could not be decoded")

// leptonicaGray decodes page (0-based) of an image with Leptonica: the
// fallback for what Go's decoders refuse (CCITT fax variants, JPEG inside
// TIFF, arithmetic-coded JPEG). Validation has already bounded its size.
func leptonicaGray(data []byte, tiff bool, page int) (*image.Gray, error) {
	if len(data) == 0 {
		return nil, errLeptonica
	}
	cdata := C.CBytes(data)
	defer C.free(cdata)
	t := C.int(0)
	if tiff {
		t = 1
	}
	pix := C.readGray((*C.l_uint8)(cdata), C.size_t(len(data)), t, C.int(page))
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
	for y := 0; y < h; y++ {
		row := words[y*wpl : (y+1)*wpl]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range dst {
			// Leptonica packs pixels big-end first within 32-bit words.
			dst[x] = uint8(row[x>>2] >> (24 - 8*uint(x&3)))
		}
	}
	return out, nil
}
