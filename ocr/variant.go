package ocr

/*
#cgo pkg-config: lept
#include <stdlib.h>
#include <string.h>
#include <leptonica/allheaders.h>

// grayPix copies an 8-bit gray buffer into a new Leptonica image.
static PIX *grayPix(const unsigned char *data, int w, int h, int stride) {
	PIX *pix = pixCreate(w, h, 8);
	if (pix == NULL) return NULL;
	l_uint32 *line = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		const unsigned char *row = data + (size_t)y * stride;
		l_uint32 *dst = line + (size_t)y * wpl;
		for (int x = 0; x < w; x++) SET_DATA_BYTE(dst, x, row[x]);
	}
	return pix;
}

// pixGray copies an 8-bit Leptonica image into a gray buffer of w×h.
static void pixGray(PIX *pix, unsigned char *out) {
	int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
	l_uint32 *line = pixGetData(pix);
	for (int y = 0; y < h; y++) {
		l_uint32 *src = line + (size_t)y * wpl;
		unsigned char *row = out + (size_t)y * w;
		for (int x = 0; x < w; x++) row[x] = GET_DATA_BYTE(src, x);
	}
}

// flattenLight evens out uneven lighting and shaded cells: each region's
// background is brought to white (Leptonica's background normalisation),
// then pixels are binarised against a threshold that follows the local
// contrast (Sauvola), so gray cell shading and a shadow across a photo
// become white and the print stays black. NULL when it cannot.
static PIX *flattenLight(PIX *gray, int binarize) {
	PIX *norm = pixBackgroundNormSimple(gray, NULL, NULL);
	if (norm == NULL) return NULL;
	if (!binarize) return norm;
	PIX *bin = NULL;
	if (pixSauvolaBinarize(norm, 12, 0.34, 1, NULL, NULL, NULL, &bin) != 0 || bin == NULL) {
		pixDestroy(&norm);
		return NULL;
	}
	pixDestroy(&norm);
	PIX *out = pixConvert1To8(NULL, bin, 255, 0);
	pixDestroy(&bin);
	return out;
}

*/
import "C"

import (
	"image"
	"unsafe"
)

// flattenLight is the page with uneven light and shaded cells removed and
// the print binarised (see the C function); nil when Leptonica fails.
func flattenLight(g *image.Gray) *image.Gray { return lightFlattened(g, true) }

// evenLight is the page with uneven light and shaded cells brought to
// white, its print left gray (see the C function); nil when Leptonica
// fails.
func evenLight(g *image.Gray) *image.Gray { return lightFlattened(g, false) }

func lightFlattened(g *image.Gray, binarize bool) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w < 32 || h < 32 {
		return nil
	}
	pix := C.grayPix((*C.uchar)(unsafe.Pointer(&g.Pix[0])), C.int(w), C.int(h), C.int(g.Stride))
	if pix == nil {
		return nil
	}
	defer C.pixDestroy(&pix)
	bin := C.int(0)
	if binarize {
		bin = 1
	}
	out := C.flattenLight(pix, bin)
	if out == nil {
		return nil
	}
	defer C.pixDestroy(&out)
	if int(C.pixGetWidth(out)) != w || int(C.pixGetHeight(out)) != h {
		return nil
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	C.pixGray(out, (*C.uchar)(unsafe.Pointer(&dst.Pix[0])))
	return dst
}
