// Package pdfium runs PDFium, compiled to WebAssembly, inside wazero: the tolerant
// PDF reader for text the Go reader cannot decode, page rendering for OCR, and
// the shortcut that takes a scanned page's image as it is.
package pdfium

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	wazeroapi "github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"loanbatch/textlayout"
)

// ErrEncrypted marks a PDF that needs a password to open.
var ErrEncrypted = errors.New("pdfium: PDF is password-protected")

// Engine is PDFium compiled to WebAssembly and run inside wazero: pure
// Go, sandboxed from the file system, and tolerant of damaged files. One
// engine serves one goroutine at a time.
type Engine struct {
	pool     pdfium.Pool
	instance pdfium.Pdfium
}

// New starts PDFium. The compiled module is cached under cacheDir
// (when not empty) so later starts skip compilation.
func New(cacheDir string) (*Engine, error) {
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(wazeroapi.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cacheDir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: documents arrive as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start pdfium: %w", err)
	}
	inst, err := pool.GetInstance(30 * time.Second)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("start pdfium instance: %w", err)
	}
	return &Engine{pool: pool, instance: inst}, nil
}

// DefaultCacheDir is where the compiled PDFium module is kept between runs.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "loanbatch", "wazero")
}

// Close stops PDFium; a nil Engine is fine.
func (e *Engine) Close() {
	if e == nil {
		return
	}
	e.instance.Close()
	e.pool.Close()
}

// Doc is one open PDF document.
type Doc struct {
	e     *Engine
	doc   references.FPDF_DOCUMENT
	data  []byte
	Pages int // how many pages it has
}

// Open opens a PDF held in data, which must stay unchanged until Close.
func (e *Engine) Open(data []byte) (*Doc, error) {
	d := &Doc{e: e, data: data}
	res, err := e.instance.OpenDocument(&requests.OpenDocument{File: &d.data})
	if err != nil {
		if errors.Is(err, pdfiumerrors.ErrPassword) {
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("open pdf: %w", err)
	}
	d.doc = res.Document
	n, err := e.instance.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("count pages: %w", err)
	}
	d.Pages = n.PageCount
	return d, nil
}

// Close releases the document.
func (d *Doc) Close() {
	d.e.instance.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
}

func (d *Doc) page(i int) requests.Page {
	return requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: i}}
}

// Words returns page i's text as positioned words, in points from the top
// left. It reads PDFium's characters with their loose boxes (font ascent to
// descent), which line up along a line whatever the glyphs' shapes.
func (d *Doc) Words(i int) ([]textlayout.Word, error) {
	in := d.e.instance
	tp, err := in.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: d.page(i)})
	if err != nil {
		return nil, fmt.Errorf("read text of page %d: %w", i+1, err)
	}
	defer in.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := in.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return nil, fmt.Errorf("count characters of page %d: %w", i+1, err)
	}
	chars := make([]textlayout.Glyph, 0, n.Count)
	for c := 0; c < n.Count; c++ {
		u, err := in.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: c})
		if err != nil {
			return nil, fmt.Errorf("read character %d of page %d: %w", c, i+1, err)
		}
		r := rune(u.Unicode)
		if r == 0 || r == 0xFFFE || r == 0xFFFF || unicode.IsSpace(r) || unicode.IsControl(r) {
			chars = append(chars, textlayout.Glyph{Text: " "})
			continue
		}
		box, err := in.FPDFText_GetLooseCharBox(&requests.FPDFText_GetLooseCharBox{TextPage: tp.TextPage, Index: c})
		if err != nil {
			return nil, fmt.Errorf("read character %d of page %d: %w", c, i+1, err)
		}
		b := box.Rect
		// PDF space grows upwards; layout works top-down.
		text := string(r)
		if l, ok := textlayout.Ligatures[r]; ok {
			text = l
		}
		chars = append(chars, textlayout.Glyph{Text: text, X0: float64(b.Left), Y0: -float64(b.Top), X1: float64(b.Right), Y1: -float64(b.Bottom)})
	}
	return textlayout.WordsFromGlyphs(chars), nil
}

// Render draws page i in grayscale at dpi.
func (d *Doc) Render(ctx context.Context, i, dpi int) (*image.Gray, error) {
	res, err := d.e.instance.RenderPageInDPI(&requests.RenderPageInDPI{
		Page:        d.page(i),
		DPI:         dpi,
		ImageFormat: requests.RenderImageFormatGrayscale,
	})
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", i+1, err)
	}
	defer res.Cleanup()
	src, ok := res.Result.RenderedImage.(*image.Gray)
	if !ok {
		return nil, fmt.Errorf("render page %d: unexpected image type %T", i+1, res.Result.RenderedImage)
	}
	// The pixels live in WebAssembly memory until Cleanup: copy them out.
	out := &image.Gray{Pix: append([]byte(nil), src.Pix...), Stride: src.Stride, Rect: src.Rect}
	return out, ctx.Err()
}

// ScannedJPEG returns the bytes of page i's picture when the page is
// nothing but one upright JPEG covering it, as scanners and phone apps write
// them, with the width in points it is drawn at: decoding it natively costs
// a fifth of PDFium's WebAssembly render of a 300 DPI page (0.25 s). ok is
// false for any other page (text, vector drawing, several images, rotation,
// other image codecs), which Render draws instead.
func (d *Doc) ScannedJPEG(i int) (data []byte, widthPoints float64, ok bool) {
	in := d.e.instance
	po, m, ok := d.soleImage(i)
	if !ok {
		return nil, 0, false
	}
	if n, err := in.FPDFImageObj_GetImageFilterCount(&requests.FPDFImageObj_GetImageFilterCount{ImageObject: po}); err != nil || n.Count != 1 {
		return nil, 0, false
	}
	if f, err := in.FPDFImageObj_GetImageFilter(&requests.FPDFImageObj_GetImageFilter{ImageObject: po, Index: 0}); err != nil || f.ImageFilter != "DCTDecode" {
		return nil, 0, false
	}
	raw, err := in.FPDFImageObj_GetImageDataRaw(&requests.FPDFImageObj_GetImageDataRaw{ImageObject: po})
	if err != nil {
		return nil, 0, false
	}
	return raw.Data, float64(m.A), true
}

// ScanDPI is the resolution of page i's picture when the page is nothing
// but one upright image covering it (a scan stored as JPEG, Flate, CCITT
// fax or JBIG2): rendering the page at that resolution gives the scan's own
// pixels, where another resolution resamples its print and its specks.
func (d *Doc) ScanDPI(i int) (dpi float64, ok bool) {
	po, m, ok := d.soleImage(i)
	if !ok {
		return 0, false
	}
	size, err := d.e.instance.FPDFImageObj_GetImagePixelSize(&requests.FPDFImageObj_GetImagePixelSize{ImageObject: po})
	if err != nil || size.Width == 0 {
		return 0, false
	}
	return float64(size.Width) / (float64(m.A) / 72), true
}

// soleImage is page i's one object when that is an upright image covering
// the page, with its matrix.
func (d *Doc) soleImage(i int) (references.FPDF_PAGEOBJECT, structs.FPDF_FS_MATRIX, bool) {
	in := d.e.instance
	page := d.page(i)
	var none structs.FPDF_FS_MATRIX
	if rot, err := in.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page}); err != nil || rot.PageRotation != enums.FPDF_PAGE_ROTATION_NONE {
		return "", none, false
	}
	if n, err := in.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page}); err != nil || n.Count != 1 {
		return "", none, false
	}
	obj, err := in.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: 0})
	if err != nil {
		return "", none, false
	}
	po := obj.PageObject
	if t, err := in.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: po}); err != nil || t.Type != enums.FPDF_PAGEOBJ_IMAGE {
		return "", none, false
	}
	size, err := in.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: d.doc, Index: i})
	if err != nil {
		return "", none, false
	}
	m, err := in.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: po})
	if err != nil || !coversPage(m.Matrix, size.Width, size.Height) {
		return "", none, false
	}
	return po, m.Matrix, true
}

func coversPage(m structs.FPDF_FS_MATRIX, w, h float64) bool {
	if m.B != 0 || m.C != 0 || m.A <= 0 || m.D <= 0 || w <= 0 || h <= 0 {
		return false
	}
	x0, y0 := math.Max(float64(m.E), 0), math.Max(float64(m.F), 0)
	x1, y1 := math.Min(float64(m.E+m.A), w), math.Min(float64(m.F+m.D), h)
	return x1 > x0 && y1 > y0 && (x1-x0)*(y1-y0) >= 0.9*w*h
}
