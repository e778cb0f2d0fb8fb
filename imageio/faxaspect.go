package imageio

import (
	"encoding/binary"
	"image"

	xdraw "golang.org/x/image/draw"
)

// pixelAspect is a classic TIFF page's vertical over horizontal
// resolution (XResolution, YResolution): 98/204 for a fax sent in standard
// mode, whose pixels are twice as tall as wide; 1 when the page says
// nothing or the tags cannot be read. ifd is the page's IFD offset.
func pixelAspect(data []byte, ifd int64) float64 {
	if len(data) < 8 || data[2] == 43 || data[3] == 43 || ifd <= 0 || ifd+2 > int64(len(data)) {
		return 1
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	rational := func(off int64) float64 {
		if off < 0 || off+8 > int64(len(data)) {
			return 0
		}
		n, d := bo.Uint32(data[off:]), bo.Uint32(data[off+4:])
		if d == 0 {
			return 0
		}
		return float64(n) / float64(d)
	}
	var xres, yres float64
	count := int64(bo.Uint16(data[ifd:]))
	for k := int64(0); k < count && k < 1000; k++ {
		e := ifd + 2 + 12*k
		if e+12 > int64(len(data)) {
			break
		}
		tag, typ := bo.Uint16(data[e:]), bo.Uint16(data[e+2:])
		if typ != 5 { // RATIONAL
			continue
		}
		switch tag {
		case 282:
			xres = rational(int64(bo.Uint32(data[e+8:])))
		case 283:
			yres = rational(int64(bo.Uint32(data[e+8:])))
		}
	}
	if xres <= 0 || yres <= 0 {
		return 1
	}
	return yres / xres
}

// MaxPagePixels bounds a page image made larger for OCR (about 8500 × 11000).
const MaxPagePixels = 95_000_000

// SquarePixels stretches a page whose pixels are not square (a fax in
// standard mode: aspect 98/204) so they are: Tesseract reads letters of the
// shape they were printed, twice as tall as a standard fax stores them.
// Aspects within 10 % of square, or beyond 1:4, are left alone. The
// stretch is bicubic (Catmull-Rom): a bilinear one leaves a 1-bit fax's
// strokes stepped, and Tesseract then misreads "30 Years" as "JO Years" and
// loses whole rows that it reads from a bicubic stretch, as ImageMagick's
// -resize makes.
func SquarePixels(g *image.Gray, aspect float64) *image.Gray {
	if g == nil || aspect > 0.9 && aspect < 1.1 || aspect < 0.25 || aspect > 4 {
		return g
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	nw, nh := w, h
	if aspect < 1 {
		nh = int(float64(h)/aspect + 0.5)
	} else {
		nw = int(float64(w)*aspect + 0.5)
	}
	if int64(nw)*int64(nh) > MaxPagePixels {
		return g
	}
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	xdraw.CatmullRom.Scale(out, out.Bounds(), g, g.Bounds(), xdraw.Src, nil)
	return out
}

// PixelAspect is a TIFF page's vertical resolution over its horizontal one
// (98/204 for a standard-mode fax): 1 when the page says nothing or the
// tags cannot be read.
func PixelAspect(data []byte, page TIFFPage) float64 { return pixelAspect(data, page.offset) }
