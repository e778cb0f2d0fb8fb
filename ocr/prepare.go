package ocr

import (
	"image"

	xdraw "golang.org/x/image/draw"
)

// minOCRWidth is the width below which a page image is enlarged before
// OCR: Tesseract reads text best at about 300 DPI, and low-resolution page
// images (a 705-pixel-wide form) lose most of their small print otherwise.
const minOCRWidth = 1700

// noisyScan is the share of speck pixels above which a full-resolution page
// is median-filtered before OCR: clean 300 DPI pages measure 0, noisy scans
// 0.004 and up. Low-resolution images are never filtered: their small print
// is made of single pixels that the filter would erase.
const noisyScan = 0.001

// Prepare removes speckle from noisy scans, enlarges low-resolution page
// images and removes dot leaders (see leaders.go).
func Prepare(g *image.Gray) *image.Gray {
	return withoutLeaders(resizeOrDenoise(g))
}

// resizeOrDenoise median-filters a noisy full-resolution page and
// enlarges a low-resolution one.
func resizeOrDenoise(g *image.Gray) *image.Gray {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	if w >= minOCRWidth {
		if noiseLevel(g) > noisyScan {
			g = median3(g)
		}
		return g
	}
	if w == 0 {
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

// median3 replaces each pixel by the median of its 3×3 neighbourhood:
// salt-and-pepper noise from scanners and faxes disappears while strokes
// wider than a pixel survive. Each column of three is sorted once and shared
// by the three windows that contain it; the median of nine is then the
// median of (the largest low, the middle middle, the smallest high), all
// with branchless min and max (Paeth's method): 5× faster than a sorting
// network per pixel, which mispredicts its branches on noisy pages.
func median3(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := &image.Gray{Pix: make([]uint8, w*h), Stride: w, Rect: image.Rect(0, 0, w, h)}
	for y := 0; y < h; y++ {
		copy(dst.Pix[y*w:y*w+w], src.Pix[y*src.Stride:y*src.Stride+w])
	}
	if w < 3 {
		return dst
	}
	sort3 := func(a, b, c uint8) (uint8, uint8, uint8) {
		l, m := min(a, b), max(a, b)
		return min(l, c), min(m, max(l, c)), max(m, c)
	}
	for y := 1; y < h-1; y++ {
		r0 := src.Pix[(y-1)*src.Stride : (y-1)*src.Stride+w]
		r1 := src.Pix[y*src.Stride : y*src.Stride+w][:len(r0)]
		r2 := src.Pix[(y+1)*src.Stride : (y+1)*src.Stride+w][:len(r0)]
		out := dst.Pix[y*w : y*w+w][:len(r0)]
		la, ma, ha := sort3(r0[0], r1[0], r2[0])
		lb, mb, hb := sort3(r0[1], r1[1], r2[1])
		for x := 2; x < len(r0); x++ {
			lc, mc, hc := sort3(r0[x], r1[x], r2[x])
			out[x-1] = median3of(max(la, lb, lc), median3of(ma, mb, mc), min(ha, hb, hc))
			la, ma, ha, lb, mb, hb = lb, mb, hb, lc, mc, hc
		}
	}
	return dst
}

// median3of is the middle of three values.
func median3of(a, b, c uint8) uint8 {
	return max(min(a, b), min(max(a, b), c))
}

// noiseLevel estimates the share of pixels that are isolated specks:
// dark pixels on a light background or light ones on dark, judged against
// their four neighbours. It samples every fourth row for speed.
func noiseLevel(g *image.Gray) float64 {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	if w < 3 || h < 3 {
		return 0
	}
	specks, total := 0, 0
	for y := 1; y < h-1; y += 4 {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		up := g.Pix[(y-1)*g.Stride : (y-1)*g.Stride+w][:len(row)]
		down := g.Pix[(y+1)*g.Stride : (y+1)*g.Stride+w][:len(row)]
		for x := 1; x < len(row)-1; x++ {
			v := int(row[x])
			lo := int(min(row[x-1], row[x+1], up[x], down[x]))
			hi := int(max(row[x-1], row[x+1], up[x], down[x]))
			if v+60 < lo || v-60 > hi {
				specks++
			}
			total++
		}
	}
	return float64(specks) / float64(total)
}
