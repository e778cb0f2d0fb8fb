package ocr

import (
	"fmt"
	"image"
	"sort"
	"strings"
	"time"
	"unicode"

	"loanbatch/imageio"
)

// Tesseract reads a word on a page with the page's layout around it, and
// now and then gives up on one it would read alone: "4732346" at
// confidence 0 for "Y4732346" on a clean low-resolution page, "1970555" at
// 13 for "C1970555" on a phone photo. A word read with little confidence
// is read again as a line of its own, enlarged to two print sizes
// Tesseract reads well; where both readings agree, are fairly sure and
// differ from the first, they take its place. A single second reading is
// no better evidence than the first: at one size the same crop reads
// "Y4732346" at 53, at another "4732346" at 0.

// doubtfulWordConf is the confidence under which a word is read again.
const doubtfulWordConf = 40

// rereadWordConf is the confidence each word of both second readings must
// have for them to stand.
const rereadWordConf = 50

// rereadHeights are the word heights in pixels a doubtful word is read
// again at: Tesseract reads capitals best about 30 px high.
var rereadHeights = [2]float64{32, 42}

// maxDoubtfulWords bounds the words read again on one page, the least sure
// first: a noisy page has hundreds of doubtful specks.
const maxDoubtfulWords = 30

// doubtfulWordTime bounds the time spent reading a page's doubtful words.
const doubtfulWordTime = 2 * time.Second

// rereadDoubtful reads again, each on its own, the words of reading r of
// g that Tesseract was not sure of, and puts in their place what two
// further readings agree on.
func (o *Engine) rereadDoubtful(g *image.Gray, r *ocrReading) error {
	h := int(r.height)
	if h < 6 {
		return nil
	}
	var doubtful []int
	for i, w := range r.words {
		if r.conf[i] < doubtfulWordConf && alnumCount(w.Text) >= 3 {
			doubtful = append(doubtful, i)
		}
	}
	if len(doubtful) == 0 {
		return nil
	}
	sort.SliceStable(doubtful, func(a, b int) bool { return r.conf[doubtful[a]] < r.conf[doubtful[b]] })
	if len(doubtful) > maxDoubtfulWords {
		doubtful = doubtful[:maxDoubtfulWords]
	}
	if err := o.client.SetVariable("tessedit_pageseg_mode", "7"); err != nil {
		return nil
	}
	defer func() { _ = o.client.SetVariable("tessedit_pageseg_mode", "3") }()
	start := time.Now()
	for _, i := range doubtful {
		if time.Since(start) > doubtfulWordTime {
			break
		}
		w := r.words[i]
		b := blob{x0: int(w.X0), y0: int(w.Y0), x1: int(w.X1) + 1, y1: int(w.Y1) + 1}
		crop, dx, _ := cropPadded(g, b, h)
		var agreed string
		surest := 0.0
		for k, height := range rereadHeights {
			f := height / w.Height()
			img := crop
			if f >= 1.2 {
				img = enlarge(crop, f)
			} else {
				f = 1
			}
			if img == nil {
				agreed = ""
				break
			}
			t, conf, err := o.readWord(img, (w.X0-float64(dx))*f, (w.X1-float64(dx))*f)
			if err != nil {
				return err
			}
			if t == "" || k > 0 && alnumOf(t) != alnumOf(agreed) {
				agreed = ""
				break
			}
			if conf > surest {
				agreed, surest = t, conf // "Y4732346" at 53 over "Y¥4732346" at 50
			}
		}
		if agreed == "" || alnumOf(agreed) == alnumOf(w.Text) {
			continue
		}
		r.words[i].Text = agreed
		r.conf[i] = rereadWordConf
	}
	return nil
}

// readWord reads img as one line and returns the words whose middles lie
// between x0 and x1 (the word read again, not the pieces of its neighbours
// the margin took in), joined, with the least confidence of them; "" when
// any of them is doubtful.
func (o *Engine) readWord(img *image.Gray, x0, x1 float64) (string, float64, error) {
	if err := o.client.SetImageFromBytes(imageio.EncodeRawTIFF(img)); err != nil {
		return "", 0, fmt.Errorf("ocr: %w", err)
	}
	boxes, err := o.client.GetBoundingBoxesVerbose()
	if err != nil {
		return "", 0, fmt.Errorf("ocr: %w", err)
	}
	least := 100.0
	var texts []string
	for _, b := range boxes {
		t := trimOCRNoise(strings.TrimSpace(b.Word), b.Confidence)
		if cx := float64(b.Box.Min.X+b.Box.Max.X) / 2; t == "" || cx < x0 || cx > x1 {
			continue
		}
		if b.Confidence < rereadWordConf {
			return "", 0, nil
		}
		least = min(least, b.Confidence)
		texts = append(texts, strings.Map(withoutForeignSymbol, t))
	}
	return strings.Join(texts, " "), least, nil
}

// withoutForeignSymbol drops the symbols no US loan document prints in a
// word, which Tesseract reads from a letter's doubled strokes ("Y¥4732346").
func withoutForeignSymbol(r rune) rune {
	if r > unicode.MaxASCII && unicode.IsSymbol(r) {
		return -1
	}
	return r
}
