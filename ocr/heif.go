//go:build !windows

package ocr

/*
#cgo pkg-config: libheif
#include <stdlib.h>
#include <string.h>
#include <libheif/heif.h>

// heifOpen reads the container of an HEIC/HEIF or AVIF file in memory,
// refusing images wider or taller than maxSide, and returns its primary
// image's handle (NULL on failure, the message in err, at most errSize).
static struct heif_image_handle *heifOpen(const void *data, size_t size, int maxSide,
		struct heif_context **pctx, char *err, size_t errSize) {
	struct heif_context *ctx = heif_context_alloc();
	*pctx = ctx;
	if (ctx == NULL) { strncpy(err, "out of memory", errSize - 1); return NULL; }
	heif_context_set_maximum_image_size_limit(ctx, maxSide);
	struct heif_error e = heif_context_read_from_memory_without_copy(ctx, data, size, NULL);
	struct heif_image_handle *h = NULL;
	if (e.code == heif_error_Ok) e = heif_context_get_primary_image_handle(ctx, &h);
	if (e.code != heif_error_Ok) { strncpy(err, e.message, errSize - 1); return NULL; }
	return h;
}

// heifDecodeRGB decodes the primary image to 8-bit interleaved RGB, with
// its rotation and mirroring applied (libheif's default), so a phone's
// sideways photo comes out upright.
static struct heif_image *heifDecodeRGB(struct heif_image_handle *h, char *err, size_t errSize) {
	struct heif_image *img = NULL;
	struct heif_error e = heif_decode_image(h, &img, heif_colorspace_RGB, heif_chroma_interleaved_RGB, NULL);
	if (e.code != heif_error_Ok) { strncpy(err, e.message, errSize - 1); return NULL; }
	return img;
}
*/
import "C"

import (
	"errors"
	"image"
	"unsafe"
)

// HEIFSupported tells whether HEIC and AVIF photos can be read.
const HEIFSupported = true

// HEIFFile is an HEIC/HEIF or AVIF file opened by libheif. It must be
// closed; data must stay unchanged until then (libheif reads it in place).
type HEIFFile struct {
	ctx    *C.struct_heif_context
	handle *C.struct_heif_image_handle
	data   unsafe.Pointer
}

// OpenHEIF parses the container only: no pixel is decoded.
func OpenHEIF(data []byte, maxSide int) (*HEIFFile, error) {
	if len(data) == 0 {
		return nil, errors.New("empty file")
	}
	f := &HEIFFile{data: C.CBytes(data)} // libheif keeps pointers into it
	var msg [256]C.char
	f.handle = C.heifOpen(f.data, C.size_t(len(data)), C.int(maxSide), &f.ctx, &msg[0], C.size_t(len(msg)))
	if f.handle == nil {
		f.Close()
		return nil, errors.New(C.GoString(&msg[0]))
	}
	return f, nil
}

func (f *HEIFFile) Size() (w, h int) {
	return int(C.heif_image_handle_get_width(f.handle)), int(C.heif_image_handle_get_height(f.handle))
}

// gray decodes the primary image, upright, to 8-bit gray.
func (f *HEIFFile) Gray() (*image.Gray, error) {
	var msg [256]C.char
	img := C.heifDecodeRGB(f.handle, &msg[0], C.size_t(len(msg)))
	if img == nil {
		return nil, errors.New(C.GoString(&msg[0]))
	}
	defer C.heif_image_release(img)
	w := int(C.heif_image_get_width(img, C.heif_channel_interleaved))
	h := int(C.heif_image_get_height(img, C.heif_channel_interleaved))
	var stride C.int
	plane := C.heif_image_get_plane_readonly(img, C.heif_channel_interleaved, &stride)
	if plane == nil || w <= 0 || h <= 0 || int(stride) < 3*w {
		return nil, errors.New("no image plane")
	}
	pix := unsafe.Slice((*byte)(unsafe.Pointer(plane)), int(stride)*(h-1)+3*w)
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := pix[y*int(stride):]
		dst := out.Pix[y*out.Stride:]
		for x := 0; x < w; x++ {
			r, g, b := int(row[3*x]), int(row[3*x+1]), int(row[3*x+2])
			dst[x] = uint8((299*r + 587*g + 114*b + 500) / 1000)
		}
	}
	return out, nil
}

func (f *HEIFFile) Close() {
	if f.handle != nil {
		C.heif_image_handle_release(f.handle)
	}
	if f.ctx != nil {
		C.heif_context_free(f.ctx)
	}
	C.free(f.data)
}

// HEIFGray decodes an HEIC/HEIF or AVIF file that validation checked.
func HEIFGray(data []byte, maxSide int) (*image.Gray, error) {
	f, err := OpenHEIF(data, maxSide)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Gray()
}
