package pipelinetest

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"

	"loanbatch/imageio"
)

// ScanOptions degrade a rendered page as a scanner or a phone would.
type ScanOptions struct {
	DPI       float64 // 300 when zero
	Noise     float64 // share of pixels flipped to random gray, 0–1
	Blur      bool    // a 3×3 box blur
	RotateDeg float64 // a slight skew, in degrees
	Seed      uint64  // for the noise
	// Rules are rectangles in points whose outlines are drawn 1 pt wide
	// before the page is skewed: a ruled table's cells.
	Rules []Rect
}

// Rect is a rectangle in points from the page's top left corner.
type Rect struct{ X0, Y0, X1, Y1 float64 }

var parsedFont *opentype.Font

// Scan renders lines on a white US Letter page at opts.DPI, then adds the
// requested degradation. The same input always gives the same pixels.
func Scan(lines []Line, opts ScanOptions) *image.Gray {
	if opts.DPI == 0 {
		opts.DPI = 300
	}
	if parsedFont == nil {
		f, err := opentype.Parse(goregular.TTF)
		if err != nil {
			panic(err)
		}
		parsedFont = f
	}
	scale := opts.DPI / 72
	w, h := int(612*scale), int(792*scale)
	img := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	faces := map[float64]font.Face{}
	for _, l := range lines {
		size := l.Size
		if size == 0 {
			size = 10
		}
		face, ok := faces[size]
		if !ok {
			face, _ = opentype.NewFace(parsedFont, &opentype.FaceOptions{Size: size, DPI: opts.DPI, Hinting: font.HintingFull})
			faces[size] = face
		}
		d := font.Drawer{
			Dst: img, Src: image.Black, Face: face,
			Dot: fixed.P(int(l.X*scale), int((l.Y+size)*scale)),
		}
		d.DrawString(l.Text)
	}
	for _, r := range opts.Rules {
		x0, y0, x1, y1 := int(r.X0*scale), int(r.Y0*scale), int(r.X1*scale), int(r.Y1*scale)
		t := max(1, int(scale))
		black := image.NewUniform(color.Gray{})
		for _, e := range []image.Rectangle{
			image.Rect(x0, y0, x1, y0+t), image.Rect(x0, y1-t, x1, y1),
			image.Rect(x0, y0, x0+t, y1), image.Rect(x1-t, y0, x1, y1),
		} {
			draw.Draw(img, e, black, image.Point{}, draw.Src)
		}
	}
	var out image.Image = img
	if opts.RotateDeg != 0 {
		out = rotate(img, opts.RotateDeg)
	}
	g := out.(*image.Gray)
	if opts.Blur {
		g = boxBlur(g)
	}
	if opts.Noise > 0 {
		rng := rand.New(rand.NewPCG(opts.Seed, 7))
		for i := range g.Pix {
			if rng.Float64() < opts.Noise {
				g.Pix[i] = uint8(rng.IntN(256))
			}
		}
	}
	return g
}

func rotate(src *image.Gray, deg float64) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	draw.Draw(dst, b, image.White, image.Point{}, draw.Src)
	rad := deg * math.Pi / 180
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	cos, sin := math.Cos(rad), math.Sin(rad)
	// src→dst: rotate about the centre.
	m := f64.Aff3{cos, -sin, cx - cos*cx + sin*cy, sin, cos, cy - sin*cx - cos*cy}
	xdraw.BiLinear.Transform(dst, m, src, b, xdraw.Over, nil)
	return dst
}

func boxBlur(src *image.Gray) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	for y := 1; y < b.Dy()-1; y++ {
		for x := 1; x < b.Dx()-1; x++ {
			sum := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					sum += int(src.Pix[(y+dy)*src.Stride+x+dx])
				}
			}
			dst.Pix[y*dst.Stride+x] = uint8(sum / 9)
		}
	}
	return dst
}

// MultiPageTIFF writes gray pages as one uncompressed multi-page TIFF, as
// a document scanner's batch mode does.
func MultiPageTIFF(pages []*image.Gray) []byte { return imageio.EncodeRawTIFF(pages...) }
