package ocr

import (
	"fmt"
	"image"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/otiai10/gosseract/v2"

	"loanbatch/imageio"
	"loanbatch/textlayout"
)

// Engine is one Tesseract instance, initialised once and reused for every
// page a worker reads. It is not safe for concurrent use.
type Engine struct {
	client *gosseract.Client
	warm   bool       // Tesseract has loaded its language data
	osd    *osdEngine // orientation detection, started when a page reads poorly
	noOSD  bool       // osd.traineddata is not installed
	// asIs is the current page read as it is, when bestReading tried it,
	// for addStockWords to use rather than read the page again.
	asIs     *ocrReading
	asIsPage *image.Gray
}

// NewEngine starts Tesseract for lang, failing with a message that says
// what to install when the language data is missing.
func NewEngine(lang string) (*Engine, error) {
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
	// gosseract sets the mode above before Tesseract starts, which resets it
	// to a single block (PSM 6, a table read as one paragraph of noise); as a
	// variable it is set again once Tesseract has started.
	_ = c.SetVariable("tessedit_pageseg_mode", "3")
	return &Engine{client: c}, nil
}

// Languages lists the Tesseract languages installed on this machine.
func Languages() ([]string, error) {
	return gosseract.GetAvailableLanguages()
}

func (o *Engine) Close() {
	if o != nil {
		o.client.Close()
		o.osd.Close()
	}
}

// warmUp makes Tesseract load its language data (a quarter of a second)
// by reading a blank image, so that a worker can do it while the first
// page is still being decoded.
func (o *Engine) WarmUp() {
	if o.warm {
		return
	}
	blank := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	if o.client.SetImageFromBytes(imageio.EncodeRawTIFF(blank)) == nil {
		_, _ = o.client.Text()
	}
	o.warm = true
}

// Words recognises the words of a page image with their boxes in pixels.
func (o *Engine) Words(g *image.Gray) ([]textlayout.Word, error) {
	r, err := o.read(g)
	if err == nil {
		err = o.finish(&r, g)
	}
	return r.words, err
}

// alignLines gives the words of each line Tesseract found one vertical
// extent, so that "30" and "years" (whose boxes differ by a descender)
// stay on one line of the layout.
func alignLines(ws []textlayout.Word, lineOf []lineKey) {
	type extent struct{ y0, y1 float64 }
	ext := map[lineKey]extent{}
	for i, k := range lineOf {
		e, ok := ext[k]
		if !ok {
			e = extent{ws[i].Y0, ws[i].Y1}
		}
		e.y0, e.y1 = math.Min(e.y0, ws[i].Y0), math.Max(e.y1, ws[i].Y1)
		ext[k] = e
	}
	for i, k := range lineOf {
		ws[i].Y0, ws[i].Y1 = ext[k].y0, ext[k].y1
	}
}

// lineKey names a text line as Tesseract found it.
type lineKey struct{ block, par, line int }

// deskewWords undoes a scan's slight rotation in the words' coordinates, so
// that words of one printed line share a line in the layout. Tesseract
// reads skewed lines well; the slope comes from the lines it found.
func deskewWords(ws []textlayout.Word, lineOf []lineKey) {
	// A line's leftmost and rightmost words: words added to a reading
	// (addStockWords, readMissed) come after its own in ws.
	first := map[lineKey]int{}
	last := map[lineKey]int{}
	count := map[lineKey]int{}
	for i, k := range lineOf {
		if f, ok := first[k]; !ok || ws[i].X0 < ws[f].X0 {
			first[k] = i
		}
		if l, ok := last[k]; !ok || ws[i].X0 > ws[l].X0 {
			last[k] = i
		}
		count[k]++
	}
	var slopes []float64
	for k, i := range first {
		j := last[k]
		dx := ws[j].X0 - ws[i].X0
		if count[k] < 3 || dx < 200 {
			continue
		}
		slopes = append(slopes, (ws[j].CenterY()-ws[i].CenterY())/dx)
	}
	if len(slopes) < 3 {
		return
	}
	sort.Float64s(slopes)
	slope := slopes[len(slopes)/2]
	if math.Abs(slope) < 0.002 || math.Abs(slope) > 0.1 { // under 0.1° or over 6°: leave alone
		return
	}
	for i := range ws {
		dy := slope * (ws[i].X0 + ws[i].X1) / 2
		ws[i].Y0 -= dy
		ws[i].Y1 -= dy
	}
}
