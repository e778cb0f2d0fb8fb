package ocr

/*
#cgo pkg-config: lept tesseract
#include <stdlib.h>
#include <string.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

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
static PIX *flattenLight(PIX *gray) {
	PIX *norm = pixBackgroundNormSimple(gray, NULL, NULL);
	if (norm == NULL) return NULL;
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

// osdNew starts a Tesseract for orientation detection (osd.traineddata).
static TessBaseAPI *osdNew(void) {
	TessBaseAPI *api = TessBaseAPICreate();
	if (api == NULL) return NULL;
	if (TessBaseAPIInit3(api, NULL, "osd") != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY);
	return api;
}

// osdDetect returns how many degrees the page is turned clockwise (0, 90, 180, 270) and the confidence; -1 when it
// cannot tell.
static int osdDetect(TessBaseAPI *api, const unsigned char *data, int w, int h, int stride, float *conf) {
	TessBaseAPISetImage(api, data, w, h, 1, stride);
	int deg = -1;
	const char *script = NULL;
	float sconf = 0;
	if (!TessBaseAPIDetectOrientationScript(api, &deg, conf, &script, &sconf)) deg = -1;
	// script points into Tesseract's own tables (capi.h's advice to free
	// it is wrong for Tesseract 5): it is not freed.
	TessBaseAPIClear(api);
	return deg;
}
*/
import "C"

import (
	"image"
	"unsafe"
)

// flattenLight is the page with uneven light and shaded cells removed and
// the print binarised (see the C function); nil when Leptonica fails.
func flattenLight(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w < 32 || h < 32 {
		return nil
	}
	pix := C.grayPix((*C.uchar)(unsafe.Pointer(&g.Pix[0])), C.int(w), C.int(h), C.int(g.Stride))
	if pix == nil {
		return nil
	}
	defer C.pixDestroy(&pix)
	out := C.flattenLight(pix)
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

// osdEngine is a Tesseract that only detects a page's orientation, from
// osd.traineddata (Debian: tesseract-ocr-osd). Not safe for concurrent use.
type osdEngine struct {
	api *C.TessBaseAPI
}

// newOSDEngine is nil when the orientation data is not installed.
func newOSDEngine() *osdEngine {
	api := C.osdNew()
	if api == nil {
		return nil
	}
	return &osdEngine{api: api}
}

func (o *osdEngine) Close() {
	if o != nil && o.api != nil {
		C.TessBaseAPIEnd(o.api)
		C.TessBaseAPIDelete(o.api)
		o.api = nil
	}
}

// orientation is how many degrees page g is turned clockwise
// (0, 90, 180 or 270) and Tesseract's confidence in it; -1 when unknown.
func (o *osdEngine) orientation(g *image.Gray) (int, float64) {
	if o == nil || o.api == nil {
		return -1, 0
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w < 64 || h < 64 {
		return -1, 0
	}
	var conf C.float
	deg := C.osdDetect(o.api, (*C.uchar)(unsafe.Pointer(&g.Pix[0])), C.int(w), C.int(h), C.int(g.Stride), &conf)
	return int(deg), float64(conf)
}
