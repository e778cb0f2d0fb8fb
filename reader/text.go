package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"sync"

	"loanbatch/imageio"
	"loanbatch/ocr"
	"loanbatch/pdfium"
	"loanbatch/pipeline"
	"loanbatch/textlayout"
)

// ocrDPI is the resolution PDF pages without a text layer are rendered at.
const ocrDPI = 300

// minTextLayerChars is how many letters and digits a PDF page's text layer
// needs to count as real text rather than a stray mark on a scan.
const minTextLayerChars = 20

// readPDFText reads every page of a PDF: its text layer where it has one,
// OCR of a 300 DPI rendering where it does not. PDFium renders one page at a
// time while Tesseract reads the pages already rendered, several at once.
func (a *Analyzer) readPDFText(ctx context.Context, doc *pdfium.Doc, progress pipeline.ProgressFunc) ([]pipeline.PageText, error) {
	out := make([]pipeline.PageText, doc.Pages)
	var toOCR []int
	for i := 0; i < doc.Pages; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(pipeline.StageText, i+1, doc.Pages)
		ws, err := doc.Words(i)
		if err != nil {
			return nil, pipeline.ProcessingError(pipeline.StageText, fmt.Sprintf("Failed to extract text from document: page %d could not be read", i+1), err)
		}
		out[i] = pipeline.PageText{Page: i + 1, Source: pipeline.SourceTextLayer}
		if textlayout.CountAlnum(ws) >= minTextLayerChars {
			out[i].Text = textlayout.Layout(ws)
		} else {
			out[i].Source = pipeline.SourceOCR
			toOCR = append(toOCR, i)
		}
	}
	if len(toOCR) == 0 {
		return out, nil
	}
	err := a.ocrPages(ctx, len(toOCR), progress, func(k int) (ocrInput, error) {
		i := toOCR[k]
		if img, ok := scannedImage(doc, i); ok {
			return ocrInput{index: i, img: img}, nil
		}
		img, err := doc.Render(ctx, i, renderDPI(doc, i))
		if err != nil {
			return ocrInput{index: i}, pipeline.ProcessingError(pipeline.StageOCR, fmt.Sprintf("Failed to extract text from document: page %d could not be drawn for OCR", i+1), err)
		}
		return ocrInput{index: i, img: img}, nil
	}, func(i int, text string) { out[i].Text = text })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// renderDPI is the resolution page i is drawn at for OCR: a scan's own
// (enlarging a 150 DPI scan to 300 smears its specks into the print, which
// then reads "Phy" for "Pkwy"; Prepare scales the print to what Tesseract
// reads best), else ocrDPI.
func renderDPI(doc *pdfium.Doc, i int) int {
	if dpi, ok := doc.ScanDPI(i); ok && dpi >= minNativeDPI && dpi <= ocrDPI {
		return int(math.Round(dpi))
	}
	return ocrDPI
}

// minNativeDPI is the lowest scan resolution drawn as it is.
const minNativeDPI = 100

// scannedImage is page i's picture decoded when the page is nothing but a
// JPEG covering it (pdfium.Doc.ScannedJPEG); ok is false when the page must
// be rendered instead. Beyond 400 DPI the render's downsampling reads
// better and faster.
func scannedImage(doc *pdfium.Doc, i int) (*image.Gray, bool) {
	data, widthPoints, ok := doc.ScannedJPEG(i)
	if !ok {
		return nil, false
	}
	gray, err := ocr.FastGray(data, false, 0)
	if err != nil {
		decoded, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, false
		}
		gray = imageio.ToGray(decoded)
	}
	if dpi := float64(gray.Bounds().Dx()) / (widthPoints / 72); dpi > 400 {
		return nil, false
	}
	return gray, true
}

// readImageText OCRs every page of an image, several at once.
func (a *Analyzer) readImageText(ctx context.Context, f pipeline.Format, data []byte, pages int, progress pipeline.ProgressFunc) ([]pipeline.PageText, error) {
	var tp []imageio.TIFFPage
	if f == pipeline.FormatTIFF {
		var err error
		if tp, err = imageio.TIFFPages(data, pages); err != nil {
			return nil, pipeline.ProcessingError(pipeline.StageOCR, "Failed to read TIFF pages", err)
		}
	}
	out := make([]pipeline.PageText, pages)
	for i := range out {
		out[i] = pipeline.PageText{Page: i + 1, Source: pipeline.SourceOCR}
	}
	orientation := imageOrientation(f, data)
	err := a.ocrPages(ctx, pages, progress, func(i int) (ocrInput, error) {
		if f == pipeline.FormatJPEG || f == pipeline.FormatTIFF {
			if gray, err := ocr.FastGray(data, f == pipeline.FormatTIFF, i); err == nil {
				page := ocrInput{index: i, img: imageio.Orient(gray, orientation)}
				if f == pipeline.FormatTIFF && i < len(tp) {
					if square := imageio.SquarePixels(gray, imageio.PixelAspect(data, tp[i])); square != gray {
						page.img, page.stored = imageio.Orient(square, orientation), page.img
					}
				}
				return page, nil
			}
		}
		var gray *image.Gray
		var err error
		if f == pipeline.FormatJP2 {
			gray, err = ocr.LeptonicaGray(data, false, 0) // OpenJPEG; Go has no decoder
		} else if f == pipeline.FormatHEIF || f == pipeline.FormatAVIF {
			gray, err = ocr.HEIFGray(data, a.opts.Limits.WithDefaults().MaxSide) // libheif: libde265 or dav1d
		} else if img, derr := imageio.DecodePage(data, i, tp); derr == nil {
			gray = imageio.ToGray(img)
		} else if g, lerr := ocr.LeptonicaGray(data, f == pipeline.FormatTIFF, i); lerr == nil {
			gray = g // Leptonica reads what Go's decoders refuse
		} else {
			err = derr
		}
		if err != nil {
			return ocrInput{index: i}, pipeline.ProcessingError(pipeline.StageOCR,
				fmt.Sprintf("Failed to extract text from document: page %d of the %s image could not be decoded (%v)", i+1, formatName(f), err), err)
		}
		return ocrInput{index: i, img: imageio.Orient(gray, orientation)}, nil
	}, func(i int, text string) { out[i].Text = text })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ocrInput is a page to OCR: index is its page index, img the image read
// and stored, when not nil, the image as its file stores it, before img's
// pixels were made square (a fax's).
type ocrInput struct {
	index       int
	img, stored *image.Gray
}

// ocrPages OCRs n page images: produce(k) makes the k-th, one at a time on the calling goroutine, while up to
// ocrWorkers goroutines, each with its own Tesseract, read the ones made;
// store receives each page's text. Few images wait in memory at once. The
// first error stops the rest.
func (a *Analyzer) ocrPages(ctx context.Context, n int, progress pipeline.ProgressFunc,
	produce func(k int) (ocrInput, error), store func(i int, text string),
) error {
	workers := min(a.ocrWorkers(), n)
	engines, err := a.ocrEngines(workers)
	if err != nil {
		return pipeline.ProcessingError(pipeline.StageOCR, "Failed to extract text from document: OCR could not start ("+err.Error()+")", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan ocrInput)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	for _, e := range engines {
		wg.Add(1)
		go func(e *ocr.Engine) {
			defer wg.Done()
			e.WarmUp() // while the first pages are decoded
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				ws, err := e.BestWordsOf(j.img, j.stored)
				if err != nil {
					fail(pipeline.ProcessingError(pipeline.StageOCR, fmt.Sprintf("Failed to extract text from document: OCR of page %d failed", j.index+1), err))
					continue
				}
				text := textlayout.Layout(ws)
				mu.Lock()
				store(j.index, text)
				done++
				d := done
				mu.Unlock()
				progress(pipeline.StageOCR, d, n)
			}
		}(e)
	}
	for k := 0; k < n && ctx.Err() == nil; k++ {
		page, err := produce(k)
		if err != nil {
			fail(err)
			break
		}
		select {
		case jobs <- page:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// ocrPage reads one page image with the first Tesseract (benchmarks).
func (a *Analyzer) ocrPage(g *image.Gray) (string, error) {
	engines, err := a.ocrEngines(1)
	if err != nil {
		return "", err
	}
	ws, err := engines[0].BestWords(g)
	if err != nil {
		return "", err
	}
	return textlayout.Layout(ws), nil
}

// textSource summarises where a document's pages' text came from.
func textSource(pages []pipeline.PageText) pipeline.TextSource {
	var layer, ocr bool
	for _, p := range pages {
		if p.Source == pipeline.SourceTextLayer {
			layer = true
		} else {
			ocr = true
		}
	}
	switch {
	case layer && ocr:
		return pipeline.SourceMixed
	case layer:
		return pipeline.SourceTextLayer
	}
	return pipeline.SourceOCR
}

var errNoText = errors.New("pipeline: no text found")

// imageOrientation is the EXIF orientation (1–8) of an image in format f,
// for the formats whose files carry one where phones write it; 1 (upright)
// otherwise.
func imageOrientation(f pipeline.Format, data []byte) int {
	switch f {
	case pipeline.FormatJPEG:
		return imageio.EXIFOrientation(data)
	case pipeline.FormatWebP:
		return imageio.WebPOrientation(data)
	}
	return 1
}
