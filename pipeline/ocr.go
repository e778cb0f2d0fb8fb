package pipeline

import (
	"fmt"
	"image"
	"slices"
	"strings"

	"github.com/otiai10/gosseract/v2"
)

// ocrEngine is one Tesseract instance, initialised once and reused for every
// page a worker reads. It is not safe for concurrent use.
type ocrEngine struct {
	client *gosseract.Client
}

// newOCREngine starts Tesseract for lang, failing with a message that says
// what to install when the language data is missing.
func newOCREngine(lang string) (*ocrEngine, error) {
	if lang == "" {
		lang = "eng"
	}
	if langs, err := gosseract.GetAvailableLanguages(); err == nil && !slices.Contains(langs, lang) {
		return nil, fmt.Errorf("tesseract language %q is not installed (installed: %s); install the tesseract-ocr-%s package",
			lang, strings.Join(langs, ", "), lang)
	}
	c := gosseract.NewClient()
	if err := c.SetLanguage(lang); err != nil {
		c.Close()
		return nil, fmt.Errorf("tesseract language %q: %w", lang, err)
	}
	// Automatic page segmentation keeps the lines of a form's columns.
	if err := c.SetPageSegMode(gosseract.PSM_AUTO); err != nil {
		c.Close()
		return nil, fmt.Errorf("tesseract page mode: %w", err)
	}
	return &ocrEngine{client: c}, nil
}

func (o *ocrEngine) Close() {
	if o != nil {
		o.client.Close()
	}
}

// words recognises the words of a page image with their boxes in pixels.
func (o *ocrEngine) words(g *image.Gray) ([]word, error) {
	if err := o.client.SetImageFromBytes(encodePGM(g)); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	boxes, err := o.client.GetBoundingBoxes(gosseract.RIL_WORD)
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	out := make([]word, 0, len(boxes))
	for _, b := range boxes {
		t := strings.TrimSpace(b.Word)
		if t == "" {
			continue
		}
		out = append(out, word{text: t, x0: float64(b.Box.Min.X), y0: float64(b.Box.Min.Y),
			x1: float64(b.Box.Max.X), y1: float64(b.Box.Max.Y)})
	}
	return out, nil
}
