package pipeline

import (
	"context"
	"errors"
	"fmt"
	"image"
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
// OCR of a 300 DPI rendering where it does not.
func (a *Analyzer) readPDFText(ctx context.Context, doc *pdfDoc, progress ProgressFunc) ([]PageText, error) {
	out := make([]PageText, 0, doc.pages)
	for i := 0; i < doc.pages; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(StageText, i+1, doc.pages)
		ws, err := doc.words(i)
		if err != nil {
			return nil, processingErr(StageText, fmt.Sprintf("Failed to extract text from document: page %d could not be read", i+1), err)
		}
		if countAlnum(ws) >= minTextLayerChars {
			out = append(out, PageText{Page: i + 1, Source: SourceTextLayer, Text: layoutText(ws)})
			continue
		}
		progress(StageOCR, i+1, doc.pages)
		img, err := doc.render(ctx, i, ocrDPI)
		if err != nil {
			return nil, processingErr(StageOCR, fmt.Sprintf("Failed to extract text from document: page %d could not be drawn for OCR", i+1), err)
		}
		text, err := a.ocrPage(img)
		if err != nil {
			return nil, processingErr(StageOCR, fmt.Sprintf("Failed to extract text from document: OCR of page %d failed", i+1), err)
		}
		out = append(out, PageText{Page: i + 1, Source: SourceOCR, Text: text})
	}
	return out, nil
}

// readImageText OCRs every page of a JPEG, PNG or TIFF.
func (a *Analyzer) readImageText(ctx context.Context, f Format, data []byte, pages int, progress ProgressFunc) ([]PageText, error) {
	var tp []tiffPage
	if f == FormatTIFF {
		var err error
		if tp, err = tiffPages(data, pages); err != nil {
			return nil, processingErr(StageOCR, "Failed to read TIFF pages", err)
		}
	}
	out := make([]PageText, 0, pages)
	for i := 0; i < pages; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		progress(StageOCR, i+1, pages)
		var gray *image.Gray
		img, err := decodeImagePage(f, data, i, tp)
		if err == nil {
			gray = toGray(img)
		} else if g, lerr := leptonicaGray(data, f == FormatTIFF, i); lerr == nil {
			gray = g // Leptonica reads what Go's decoders refuse
		} else {
			return nil, processingErr(StageOCR,
				fmt.Sprintf("Failed to extract text from document: page %d of the %s image could not be decoded (%v)", i+1, formatName(f), err), err)
		}
		if f == FormatJPEG {
			gray = orient(gray, exifOrientation(data))
		}
		text, err := a.ocrPage(gray)
		if err != nil {
			return nil, processingErr(StageOCR, fmt.Sprintf("Failed to extract text from document: OCR of page %d failed", i+1), err)
		}
		out = append(out, PageText{Page: i + 1, Source: SourceOCR, Text: text})
	}
	return out, nil
}

// ocrPage reads one page image with Tesseract and lays its words out.
func (a *Analyzer) ocrPage(g *image.Gray) (string, error) {
	ocr, err := a.ocrEngine()
	if err != nil {
		return "", err
	}
	ws, err := ocr.words(prepareForOCR(g))
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
