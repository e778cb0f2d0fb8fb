package ocr

import (
	"image"
	"slices"
	"sort"
)

// Dot leaders ("LOAN TYPE.........: CONV", "Rate ......... 7.875%") are
// read by Tesseract as letters glued to the label and the value
// ("TYPEsssesesest", "ee ee et 72489"), and on a fax they can take the whole
// row with them. They are removed from the image before OCR: rows of small
// blobs of one size on one line at a regular pitch. A lone full stop, a
// decimal point, an ellipsis and the dots of i and j stay.

// leaderInk is the gray level under which a pixel is print.
const leaderInk = 140

// minLeaderDots is how many dots in a row make a leader: an ellipsis has 3.
const minLeaderDots = 5

// blob is a connected component of print pixels.
type blob struct {
	x0, y0, x1, y1 int // bounding box, x1 and y1 exclusive
	pixels         int
}

func (b blob) w() int      { return b.x1 - b.x0 }
func (b blob) h() int      { return b.y1 - b.y0 }
func (b blob) cx() float64 { return float64(b.x0+b.x1) / 2 }
func (b blob) cy() float64 { return float64(b.y0+b.y1) / 2 }
func (b blob) bottom() int { return b.y1 }
func (b blob) size() int   { return max(b.w(), b.h()) }
func (b blob) isDot(maxSide int) bool {
	w, h := b.w(), b.h()
	return w <= maxSide && h <= maxSide && w*3 >= h && h*3 >= w && b.pixels*2 >= w*h
}

// removeDotLeaders is the page with its dot leaders painted white and how
// many dots that removed; the page itself when it has none. The page is
// not changed.
func removeDotLeaders(g *image.Gray) (*image.Gray, int) {
	w := g.Bounds().Dx()
	maxSide := max(4, w/170) // a leader dot is about 6 px at 300 DPI
	dots := blobs(g, func(b blob) bool { return b.isDot(maxSide) })
	rows := leaderRows(g, dots, maxSide)
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	if n == 0 {
		return g, 0
	}
	out := copyGray(g)
	for _, r := range rows {
		for _, d := range r {
			paintWhite(out, d)
		}
	}
	return out, n
}

// copyGray is a copy of g at the origin, its rows packed.
func copyGray(g *image.Gray) *image.Gray {
	b := g.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], g.Pix[y*g.Stride:])
	}
	return out
}

// paintWhite clears a blob's box, one pixel wider on each side to take
// the antialiased edge with it.
func paintWhite(g *image.Gray, d blob) {
	r := image.Rect(d.x0-1, d.y0-1, d.x1+1, d.y1+1).Intersect(g.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.Pix[y*g.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			row[x] = 0xff
		}
	}
}

// maxBlobRuns bounds the runs of print blobs follows on one page: a dense
// page of text at 300 DPI holds about 400 000; a page of several million is
// noise or a halftone, and following it would take hundreds of megabytes.
const maxBlobRuns = 2_000_000

// blobs finds the connected components (8-connected) of a page's print
// that keep accepts, in coordinates from the image's top left corner: runs
// of print pixels are joined row by row with a union-find, one pass over
// the pixels. A page of more than maxBlobRuns runs has none.
func blobs(g *image.Gray, keep func(blob) bool) []blob {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	type run struct{ x0, x1, id int } // x1 exclusive
	parent := []int{}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var boxes []blob
	var prev, cur []run
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		cur = cur[:0]
		for x := 0; x < w; {
			if row[x] >= leaderInk {
				x++
				continue
			}
			x0 := x
			for x < w && row[x] < leaderInk {
				x++
			}
			id := len(parent)
			if id == maxBlobRuns {
				return nil
			}
			parent = append(parent, id)
			boxes = append(boxes, blob{x0, y, x, y + 1, x - x0})
			for _, p := range prev {
				if p.x1 < x0 || p.x0 > x { // 8-connected: touching corners join
					continue
				}
				a, c := find(p.id), find(id)
				if a != c {
					parent[c] = a
					boxes[a] = merge(boxes[a], boxes[c])
				}
			}
			cur = append(cur, run{x0, x, id})
		}
		prev, cur = cur, prev
	}
	var kept []blob
	for i := range parent {
		if find(i) == i && keep(boxes[i]) {
			kept = append(kept, boxes[i])
		}
	}
	return kept
}

func merge(a, b blob) blob {
	return blob{min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1), a.pixels + b.pixels}
}

// leaderRows chains dots left to right into rows of leader dots: each dot
// joins the row whose last dot is nearest to its left on the same line
// (bottoms within a third of a dot's size apart) and no further than four
// dot sizes away. Rows of at least minLeaderDots dots of one size at a
// regular pitch are leaders.
func leaderRows(g *image.Gray, dots []blob, maxSide int) [][]blob {
	sort.Slice(dots, func(i, j int) bool { return dots[i].x0 < dots[j].x0 })
	var chains [][]blob
	open := map[int][]int{} // line (bottom / maxSide) → chains ending near it
	for _, d := range dots {
		line := d.bottom() / maxSide
		best, bestGap := -1, 0.0
		for l := line - 1; l <= line+1; l++ {
			for _, c := range open[l] {
				last := chains[c][len(chains[c])-1]
				gap := d.cx() - last.cx()
				tol := max(2, (last.size()+d.size())/4)
				if gap <= 0 || gap > float64(4*maxSide) || abs(d.bottom()-last.bottom()) > tol {
					continue
				}
				if best < 0 || gap < bestGap {
					best, bestGap = c, gap
				}
			}
		}
		if best < 0 {
			best = len(chains)
			chains = append(chains, nil)
		} else {
			oldLine := chains[best][len(chains[best])-1].bottom() / maxSide
			open[oldLine] = slices.DeleteFunc(open[oldLine], func(c int) bool { return c == best })
		}
		chains[best] = append(chains[best], d)
		open[line] = append(open[line], best)
	}
	var rows [][]blob
	for _, c := range chains {
		rows = append(rows, leaderRuns(g, c)...)
	}
	return rows
}

// paperNoise is how much darker than the brightest paper around a dot a
// pixel may be and still be paper (JPEG noise, a light gradient).
const paperNoise = 45

// isolated tells whether dot i of a chain stands alone on the paper: no
// print, not even light print, around it but its neighbours in the chain.
// A piece of a letter that light or a threshold broke off (a phone photo's
// gray print) has the rest of its letter next to it; the lower dot of a
// colon has the upper one above it.
func isolated(g *image.Gray, c []blob, i int) bool {
	d := c[i]
	mx, my := max(3, d.size()*2/3), max(3, 2*d.size())
	ring := image.Rect(d.x0-mx, d.y0-my, d.x1+mx, d.y1+my).Intersect(g.Bounds())
	halo := func(b blob) image.Rectangle { return image.Rect(b.x0-1, b.y0-1, b.x1+1, b.y1+1) }
	skip := []image.Rectangle{halo(d)}
	if i > 0 {
		skip = append(skip, halo(c[i-1]))
	}
	if i+1 < len(c) {
		skip = append(skip, halo(c[i+1]))
	}
	var paper uint8
	for y := ring.Min.Y; y < ring.Max.Y; y++ {
		paper = max(paper, slices.Max(g.Pix[y*g.Stride+ring.Min.X:y*g.Stride+ring.Max.X]))
	}
	if paper < leaderInk+paperNoise {
		return false
	}
	for y := ring.Min.Y; y < ring.Max.Y; y++ {
		row := g.Pix[y*g.Stride:]
	pixels:
		for x := ring.Min.X; x < ring.Max.X; x++ {
			if row[x] >= paper-paperNoise {
				continue
			}
			for _, r := range skip {
				if (image.Point{x, y}).In(r) {
					continue pixels
				}
			}
			return false
		}
	}
	return true
}

// standingAlone is the run c[start:end] of dots on pitch when most of them
// stand alone on the paper (isolated), without the ones at its ends that do
// not (the lower dot of a colon, a piece of the digit after the leader);
// nil otherwise. JPEG noise can touch a dot inside a leader.
func standingAlone(g *image.Gray, c []blob, start, end int) []blob {
	if end-start < minLeaderDots {
		return nil
	}
	alone := make([]bool, end-start)
	n := 0
	for i := range alone {
		alone[i] = isolated(g, c, start+i)
		if alone[i] {
			n++
		}
	}
	if n*5 < len(alone)*3 {
		return nil
	}
	lo, hi := 0, len(alone)
	for lo < hi && !alone[lo] {
		lo++
	}
	for hi > lo && !alone[hi-1] {
		hi--
	}
	return c[start+lo : start+hi]
}

// leaderRuns are the runs of a chain of dots that are leaders: at least
// minLeaderDots dots of one size, at a pitch wider than a dot, each gap
// one pitch or two (a fax drops a dot). A chain breaks where a gap is
// neither, so a full stop or a piece of a broken digit next to a leader
// is no part of it.
func leaderRuns(g *image.Gray, c []blob) [][]blob {
	if len(c) < minLeaderDots {
		return nil
	}
	gaps := make([]float64, 0, len(c)-1)
	sizes := make([]int, 0, len(c))
	for i, d := range c {
		sizes = append(sizes, d.size())
		if i > 0 {
			gaps = append(gaps, d.cx()-c[i-1].cx())
		}
	}
	slices.Sort(gaps)
	slices.Sort(sizes)
	pitch, size := gaps[len(gaps)/2], sizes[len(sizes)/2]
	if pitch < 1.5*float64(size) {
		return nil // touching pieces of a broken letter
	}
	onPitch := func(g float64) bool {
		return g >= 0.7*pitch && g <= 1.3*pitch || g >= 1.7*pitch && g <= 2.3*pitch
	}
	alike := func(d blob) bool { return d.size()*2 >= size && d.size() <= size*2 }
	var runs [][]blob
	start := 0
	flush := func(end int) {
		if r := standingAlone(g, c, start, end); len(r) >= minLeaderDots {
			runs = append(runs, r)
		}
		start = end
	}
	for i := 1; i <= len(c); i++ {
		if i == len(c) || !alike(c[i]) || !alike(c[i-1]) || !onPitch(c[i].cx()-c[i-1].cx()) {
			flush(i)
		}
	}
	return runs
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// withoutLeaders is the page with its dot leaders removed: nil for nil.
// A page turned upright after Prepare needs it again (its leaders stood
// on end), and so does one binarised (a phone photo's gray print made black).
func withoutLeaders(g *image.Gray) *image.Gray {
	if g == nil {
		return nil
	}
	g, _ = removeDotLeaders(g)
	return g
}
