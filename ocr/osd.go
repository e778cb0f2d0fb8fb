//go:build !windows

package ocr

/*
#cgo pkg-config: tesseract
#include <tesseract/capi.h>

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
