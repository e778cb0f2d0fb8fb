package pipelinetest

/*
#cgo pkg-config: lept
#include <stdlib.h>
#include <string.h>
#include <leptonica/allheaders.h>

// encodeGray writes an 8-bit gray image, rows of w bytes, as WebP
// (lossless) or JPEG 2000 with Leptonica's libwebp and OpenJPEG writers.
static l_uint8 *encodeGray(const l_uint8 *pix8, int w, int h, int jp2, size_t *size) {
	PIX *pix = pixCreate(w, h, 8);
	if (pix == NULL) return NULL;
	for (int y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(pix) + y * pixGetWpl(pix);
		for (int x = 0; x < w; x++) SET_DATA_BYTE(line, x, pix8[y * w + x]);
	}
	l_uint8 *out = NULL;
	l_ok bad;
	if (jp2) {
		bad = pixWriteMemJp2k(&out, size, pix, 0, 0, 0, 0);
	} else {
		PIX *rgb = pixConvertTo32(pix);
		bad = rgb == NULL || pixWriteMemWebP(&out, size, rgb, 100, 1);
		pixDestroy(&rgb);
	}
	pixDestroy(&pix);
	if (bad) { free(out); return NULL; }
	return out;
}
*/
import "C"

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"testing"
	"unsafe"

	"golang.org/x/image/bmp"
)

// EncodeWebP encodes g as a lossless WebP, which Go cannot write.
func EncodeWebP(g *image.Gray) ([]byte, error) { return encodeGray(g, false) }

// EncodeJP2 encodes g as a JPEG 2000 (JP2) file, which Go cannot write.
func EncodeJP2(g *image.Gray) ([]byte, error) { return encodeGray(g, true) }

// packGray returns g's pixels as rows of exactly its width, for C.
func packGray(g *image.Gray) (pix []byte, w, h int, err error) {
	b := g.Bounds()
	w, h = b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil, 0, 0, errors.New("pipelinetest: empty image")
	}
	pix = make([]byte, w*h)
	for y := 0; y < h; y++ {
		copy(pix[y*w:(y+1)*w], g.Pix[g.PixOffset(b.Min.X, b.Min.Y+y):])
	}
	return pix, w, h, nil
}

func encodeGray(g *image.Gray, jp2 bool) ([]byte, error) {
	pix, w, h, err := packGray(g)
	if err != nil {
		return nil, err
	}
	var size C.size_t
	flag := C.int(0)
	if jp2 {
		flag = 1
	}
	out := C.encodeGray((*C.l_uint8)(unsafe.Pointer(&pix[0])), C.int(w), C.int(h), flag, &size)
	if out == nil {
		return nil, errors.New("pipelinetest: Leptonica could not encode the image")
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(size)), nil
}

// EncodeGIF encodes g as a GIF with a 256-level gray palette, without loss.
func EncodeGIF(g *image.Gray) ([]byte, error) {
	pal := make(color.Palette, 256)
	for i := range pal {
		pal[i] = color.Gray{Y: uint8(i)}
	}
	p := image.NewPaletted(g.Bounds(), pal)
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		copy(p.Pix[p.PixOffset(g.Rect.Min.X, y):], g.Pix[g.PixOffset(g.Rect.Min.X, y):g.PixOffset(g.Rect.Max.X, y)])
	}
	var b bytes.Buffer
	err := gif.Encode(&b, p, nil)
	return b.Bytes(), err
}

// EncodeBMP encodes g as a Windows bitmap.
func EncodeBMP(g *image.Gray) ([]byte, error) {
	var b bytes.Buffer
	err := bmp.Encode(&b, g)
	return b.Bytes(), err
}

// EncodeJPEG encodes img as a JPEG of quality q.
func EncodeJPEG(tb testing.TB, img image.Image, q int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}
