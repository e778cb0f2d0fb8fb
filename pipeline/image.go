package pipeline

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/tiff"
)

// decodeImagePage decodes page i (0-based) of a JPEG, PNG or TIFF whose
// header validation already checked, so no decode here can be a pixel bomb.
func decodeImagePage(f Format, data []byte, i int, pages []tiffPage) (image.Image, error) {
	if f != FormatTIFF {
		img, _, err := image.Decode(bytes.NewReader(data))
		return img, err
	}
	if i >= len(pages) {
		return nil, fmt.Errorf("page %d of %d", i+1, len(pages))
	}
	if data[2] == 43 || data[3] == 43 {
		return nil, errors.New("BigTIFF is not supported")
	}
	// x/image/tiff reads only the first page: point the header at page i.
	var head [8]byte
	copy(head[:], data[:8])
	bo := binary.ByteOrder(binary.LittleEndian)
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	bo.PutUint32(head[4:], uint32(pages[i].offset))
	return tiff.Decode(&patchedReader{data: data, head: head[:]})
}

// patchedReader reads data with its first bytes replaced by head.
type patchedReader struct {
	data []byte
	head []byte
	off  int64
}

func (r *patchedReader) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(p, r.data[off:])
	for i := 0; i < n; i++ {
		if o := off + int64(i); o < int64(len(r.head)) {
			p[i] = r.head[o]
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (r *patchedReader) Read(p []byte) (int, error) {
	n, err := r.ReadAt(p, r.off)
	r.off += int64(n)
	return n, err
}

// toGray flattens any image onto white and converts it to 8-bit gray.
func toGray(img image.Image) *image.Gray {
	switch m := img.(type) {
	case *image.Gray:
		return m
	case *image.YCbCr:
		b := m.Bounds()
		out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		for y := 0; y < b.Dy(); y++ {
			row := m.Y[m.YOffset(b.Min.X, b.Min.Y+y):]
			copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], row[:b.Dx()])
		}
		return out
	}
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Over)
	return out
}

// minOCRWidth is the width below which a page image is enlarged before
// OCR: Tesseract reads text best at about 300 DPI, and low-resolution page
// images (a 705-pixel-wide form) lose most of their small print otherwise.
const minOCRWidth = 1700

// prepareForOCR enlarges low-resolution page images.
func prepareForOCR(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w >= minOCRWidth || w == 0 {
		return g
	}
	scale := float64(minOCRWidth) / float64(w)
	if scale > 4 {
		scale = 4
	}
	out := image.NewGray(image.Rect(0, 0, int(float64(w)*scale), int(float64(h)*scale)))
	xdraw.CatmullRom.Scale(out, out.Bounds(), g, g.Bounds(), xdraw.Src, nil)
	return out
}

// encodePGM writes a gray image as binary PGM, which Leptonica reads
// without any decompression cost.
func encodePGM(g *image.Gray) []byte {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	hdr := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, 0, len(hdr)+w*h)
	out = append(out, hdr...)
	for y := 0; y < h; y++ {
		off := y * g.Stride
		out = append(out, g.Pix[off:off+w]...)
	}
	return out
}
