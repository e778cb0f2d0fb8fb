package ocr

import (
	"image"
	"sort"

	"loanbatch/textlayout"
)

// A reading can be confident and still miss most of a page: Tesseract's
// automatic layout may take a dense printout for a picture and read only
// its title ("ENCOMPASS-LITE LOS 22.1", conf 90, and nothing of the table).
// The share of the page's print that lies outside every word read tells
// such a reading from a good one.

// unreadInkMax is the share of a page's print outside the words read above
// which a reading is not taken as good: scans and faxes measure under 0.45
// (ruled tables and shaded cells included), phone photos 0.6–0.8 (the desk
// and shadows count as print), a printout whose table the layout skipped
// 0.98.
const unreadInkMax = 0.85

// unreadScanMax is the share of a page's print left unread above which a
// confident reading is checked against the page read as one block: more
// than a scan or fax leaves.
const unreadScanMax = 0.45

// unreadInk is the share of page g's print (pixels darker than leaderInk,
// every third row) that no word's box covers; 0 for a page without print.
func unreadInk(g *image.Gray, ws []textlayout.Word) float64 {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	type span struct{ y0, y1, x0, x1 int }
	spans := make([]span, 0, len(ws))
	for _, wd := range ws {
		spans = append(spans, span{int(wd.Y0) - 2, int(wd.Y1) + 2, int(wd.X0) - 2, int(wd.X1) + 2})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].y0 < spans[j].y0 })
	ink, unread := 0, 0
	covered := make([]bool, w)
	next := 0
	var open []span
	for y := 0; y < h; y += 3 {
		for next < len(spans) && spans[next].y0 <= y {
			open = append(open, spans[next])
			next++
		}
		clear(covered)
		kept := open[:0]
		for _, s := range open {
			if s.y1 < y {
				continue
			}
			kept = append(kept, s)
			for x := max(0, s.x0); x < min(w, s.x1); x++ {
				covered[x] = true
			}
		}
		open = kept
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, v := range row {
			if v < leaderInk {
				ink++
				if !covered[x] {
					unread++
				}
			}
		}
	}
	if ink == 0 {
		return 0
	}
	return float64(unread) / float64(ink)
}
