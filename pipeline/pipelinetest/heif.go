package pipelinetest

/*
#cgo pkg-config: libheif
#include <stdlib.h>
#include <string.h>
#include <libheif/heif.h>

struct buffer { unsigned char *data; size_t size; };

static struct heif_error writeBuffer(struct heif_context *ctx, const void *data, size_t size, void *userdata) {
	struct buffer *b = userdata;
	struct heif_error ok = { heif_error_Ok, heif_suberror_Unspecified, "" };
	struct heif_error fail = { heif_error_Encoding_error, heif_suberror_Unspecified, "out of memory" };
	unsigned char *p = realloc(b->data, b->size + size);
	if (p == NULL) return fail;
	memcpy(p + b->size, data, size);
	b->data = p;
	b->size += size;
	return ok;
}

// encodeGray writes an 8-bit gray image (rows of w bytes) as 4:2:0 HEVC
// (HEIC) or AV1 (AVIF) with libheif's x265 or aom encoder.
static unsigned char *encodeHEIFGray(const unsigned char *pix, int w, int h, int av1, size_t *size) {
	struct heif_image *img = NULL;
	if (heif_image_create(w, h, heif_colorspace_YCbCr, heif_chroma_420, &img).code) return NULL;
	heif_image_add_plane(img, heif_channel_Y, w, h, 8);
	heif_image_add_plane(img, heif_channel_Cb, (w + 1) / 2, (h + 1) / 2, 8);
	heif_image_add_plane(img, heif_channel_Cr, (w + 1) / 2, (h + 1) / 2, 8);
	int stride;
	uint8_t *y = heif_image_get_plane(img, heif_channel_Y, &stride);
	for (int r = 0; r < h; r++) memcpy(y + r * stride, pix + r * w, w);
	for (int c = heif_channel_Cb; c <= heif_channel_Cr; c++) {
		uint8_t *p = heif_image_get_plane(img, c, &stride);
		memset(p, 128, stride * ((h + 1) / 2));
	}
	struct heif_context *ctx = heif_context_alloc();
	struct heif_encoder *enc = NULL;
	unsigned char *out = NULL;
	if (heif_context_get_encoder_for_format(ctx, av1 ? heif_compression_AV1 : heif_compression_HEVC, &enc).code == 0) {
		heif_encoder_set_lossy_quality(enc, 90);
		// The fastest settings: a test page, not a photo album.
		if (av1) heif_encoder_set_parameter_integer(enc, "speed", 9);
		else heif_encoder_set_parameter_string(enc, "preset", "ultrafast");
		struct heif_image_handle *handle = NULL;
		if (heif_context_encode_image(ctx, img, enc, NULL, &handle).code == 0) {
			struct buffer b = { NULL, 0 };
			struct heif_writer writer = { 1, writeBuffer };
			if (heif_context_write(ctx, &writer, &b).code == 0) { out = b.data; *size = b.size; }
			else free(b.data);
			heif_image_handle_release(handle);
		}
		heif_encoder_release(enc);
	}
	heif_context_free(ctx);
	heif_image_release(img);
	return out;
}
*/
import "C"

import (
	"errors"
	"image"
	"unsafe"
)

// EncodeHEIC encodes g as an HEIC photo (HEVC in HEIF), as iPhones save.
func EncodeHEIC(g *image.Gray) ([]byte, error) { return encodeHEIF(g, false) }

// EncodeAVIF encodes g as an AVIF image (AV1 in HEIF).
func EncodeAVIF(g *image.Gray) ([]byte, error) { return encodeHEIF(g, true) }

func encodeHEIF(g *image.Gray, av1 bool) ([]byte, error) {
	pix, w, h, err := packGray(g)
	if err != nil {
		return nil, err
	}
	flag := C.int(0)
	if av1 {
		flag = 1
	}
	var size C.size_t
	out := C.encodeHEIFGray((*C.uchar)(unsafe.Pointer(&pix[0])), C.int(w), C.int(h), flag, &size)
	if out == nil {
		return nil, errors.New("pipelinetest: libheif could not encode the image (is its encoder there?)")
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(size)), nil
}
