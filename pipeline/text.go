package pipeline

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"
	"unicode"
)

// PageText is the text read from one page (1-based) and where it came from.
type PageText struct {
	Page   int        `json:"page"`
	Source TextSource `json:"source"`
	Text   string     `json:"text"`
}

// ocrDPI is the resolution PDF pages without a text layer are rendered at.
const ocrDPI = 300

// minTextLayerChars is how many letters and digits a PDF page's text layer
// needs to count as real text rather than a stray mark on a scan.
const minTextLayerChars = 20

// ProgressFunc reports a stage and, for page-level work, page k of n (1-based).
type ProgressFunc func(stage Stage, page, pages int)

// readPDFText reads every page of a PDF: its text layer where it has one,
// OCR of a 300 DPI rendering where it does not. PDFium renders one page at a
// time while Tesseract reads the pages already rendered, several at once.
func (a *Analyzer) readPDFText(ctx context.Context, doc *pdfDoc, progress ProgressFunc) ([]PageText, error) {
	out := make([]PageText, doc.pages)
	var toOCR []int
	for i := 0; i < doc.pages; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(StageText, i+1, doc.pages)
		ws, err := doc.words(i)
		if err != nil {
			return nil, processingErr(StageText, fmt.Sprintf("Failed to extract text from document: page %d could not be read", i+1), err)
		}
		out[i] = PageText{Page: i + 1, Source: SourceTextLayer}
		if countAlnum(ws) >= minTextLayerChars {
			out[i].Text = layoutText(ws)
		} else {
			out[i].Source = SourceOCR
			toOCR = append(toOCR, i)
		}
	}
	if len(toOCR) == 0 {
		return out, nil
	}
	err := a.ocrPages(ctx, len(toOCR), progress, func(k int) (int, *image.Gray, error) {
		i := toOCR[k]
		if img, ok := doc.scannedImage(i); ok {
			return i, img, nil
		}
		img, err := doc.render(ctx, i, ocrDPI)
		if err != nil {
			return i, nil, processingErr(StageOCR, fmt.Sprintf("Failed to extract text from document: page %d could not be drawn for OCR", i+1), err)
		}
		return i, img, nil
	}, func(i int, text string) { out[i].Text = text })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readImageText OCRs every page of an image, several at once.
func (a *Analyzer) readImageText(ctx context.Context, f Format, data []byte, pages int, progress ProgressFunc) ([]PageText, error) {
	var tp []tiffPage
	if f == FormatTIFF {
		var err error
		if tp, err = tiffPages(data, pages); err != nil {
			return nil, processingErr(StageOCR, "Failed to read TIFF pages", err)
		}
	}
	out := make([]PageText, pages)
	for i := range out {
		out[i] = PageText{Page: i + 1, Source: SourceOCR}
	}
	orientation := imageOrientation(f, data)
	err := a.ocrPages(ctx, pages, progress, func(i int) (int, *image.Gray, error) {
		if f == FormatJPEG || f == FormatTIFF {
			if gray, err := fastGray(data, f == FormatTIFF, i); err == nil {
				if f == FormatTIFF && i < len(tp) {
					gray = squarePixels(gray, tiffPixelAspect(data, tp[i].offset))
				}
				return i, orient(gray, orientation), nil
			}
		}
		var gray *image.Gray
		var err error
		if f == FormatJP2 {
			gray, err = leptonicaGray(data, false, 0) // OpenJPEG; Go has no decoder
		} else if f == FormatHEIF || f == FormatAVIF {
			gray, err = heifGray(data, a.opts.Limits) // libheif: libde265 or dav1d
		} else if img, derr := decodeImagePage(f, data, i, tp); derr == nil {
			gray = toGray(img)
		} else if g, lerr := leptonicaGray(data, f == FormatTIFF, i); lerr == nil {
			gray = g // Leptonica reads what Go's decoders refuse
		} else {
			err = derr
		}
		if err != nil {
			return i, nil, processingErr(StageOCR,
				fmt.Sprintf("Failed to extract text from document: page %d of the %s image could not be decoded (%v)", i+1, formatName(f), err), err)
		}
		return i, orient(gray, orientation), nil
	}, func(i int, text string) { out[i].Text = text })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ocrPages OCRs n page images: produce(k) makes the k-th (returning its
// page index), one at a time on the calling goroutine, while up to
// ocrWorkers goroutines, each with its own Tesseract, read the ones made;
// store receives each page's text. Few images wait in memory at once. The
// first error stops the rest.
func (a *Analyzer) ocrPages(ctx context.Context, n int, progress ProgressFunc,
	produce func(k int) (int, *image.Gray, error), store func(i int, text string),
) error {
	workers := min(a.ocrWorkers(), n)
	engines, err := a.ocrEngines(workers)
	if err != nil {
		return processingErr(StageOCR, "Failed to extract text from document: OCR could not start ("+err.Error()+")", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		index int
		img   *image.Gray
	}
	jobs := make(chan job)
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
		go func(e *ocrEngine) {
			defer wg.Done()
			e.warmUp() // while the first pages are decoded
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				ws, err := e.bestWords(j.img)
				if err != nil {
					fail(processingErr(StageOCR, fmt.Sprintf("Failed to extract text from document: OCR of page %d failed", j.index+1), err))
					continue
				}
				text := layoutText(ws)
				mu.Lock()
				store(j.index, text)
				done++
				d := done
				mu.Unlock()
				progress(StageOCR, d, n)
			}
		}(e)
	}
	for k := 0; k < n && ctx.Err() == nil; k++ {
		i, img, err := produce(k)
		if err != nil {
			fail(err)
			break
		}
		select {
		case jobs <- job{i, img}:
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
	ws, err := engines[0].bestWords(g)
	if err != nil {
		return "", err
	}
	return layoutText(ws), nil
}

// textSource summarises where a document's pages' text came from.
func textSource(pages []PageText) TextSource {
	var layer, ocr bool
	for _, p := range pages {
		if p.Source == SourceTextLayer {
			layer = true
		} else {
			ocr = true
		}
	}
	switch {
	case layer && ocr:
		return SourceMixed
	case layer:
		return SourceTextLayer
	}
	return SourceOCR
}

func countAlnum(ws []word) int {
	n := 0
	for _, w := range ws {
		for _, r := range w.text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
	}
	return n
}

var errNoText = errors.New("pipeline: no text found")
