package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The Go text reader interprets a page's content stream on top of pdfcpu's
// object model and yields the same characters and boxes PDFium's text page
// gives (loose boxes: the font's ascent to descent, the glyph's advance
// wide). A text PDF then needs no PDFium at all, which saves its start-up
// (0.15 s of a one-document job) and a WebAssembly call per character.
// Whatever it cannot decode with certainty returns errNeedsPDFium, and
// PDFium reads that document: TestGoTextMatchesPDFium holds the two readers
// to the same text.

// readPDFContext parses and validates a PDF with pdfcpu in relaxed mode
// (strict mode rejects files from common producers).
func readPDFContext(data []byte) (ctx *model.Context, err error) {
	disablePdfcpuConfig.Do(api.DisableConfigDir) // pdfcpu otherwise writes into the user's home
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfcpu: panic: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxDecodeBytes = maxDecodedStream
	ctx, err = api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}

// goPageWords reads page i (0-based) of a PDF parsed by pdfcpu as words.
func goPageWords(ctx *model.Context, fonts map[types.IndirectRef]*pdfFont, i int) (ws []word, err error) {
	defer func() {
		if r := recover(); r != nil {
			ws, err = nil, fmt.Errorf("%w: panic: %v", errNeedsPDFium, r)
		}
	}()
	x := ctx.XRefTable
	page, _, attrs, err := x.PageDict(i+1, false)
	if err != nil || page == nil {
		return nil, fmt.Errorf("%w: page %d: %v", errNeedsPDFium, i+1, err)
	}
	content, err := pageContent(x, page)
	if err != nil {
		return nil, fmt.Errorf("%w: page %d content: %v", errNeedsPDFium, i+1, err)
	}
	var res types.Dict
	if attrs != nil {
		res = attrs.Resources
	}
	in := &textInterp{x: x, fonts: fonts, gs: gstate{ctm: identity, scale: 1}}
	if err := in.run(content, res, 0); err != nil {
		return nil, err
	}
	return wordsFromGlyphs(in.out), nil
}

// maxDecodedStream bounds what one stream may decompress to, and a page's
// content in all: the reader runs inside the application's process, where
// a compression bomb must not take the memory.
const maxDecodedStream = 64 << 20

// pageContent decodes a page's content streams, in order.
func pageContent(x *model.XRefTable, page types.Dict) ([]byte, error) {
	o, err := x.Dereference(page["Contents"])
	if err != nil || o == nil {
		return nil, err
	}
	var parts []types.Object
	switch v := o.(type) {
	case types.StreamDict:
		parts = []types.Object{v}
	case types.Array:
		parts = v
	default:
		return nil, fmt.Errorf("contents is a %T", o)
	}
	var out []byte
	for _, p := range parts {
		sd, _, err := x.DereferenceStreamDict(p)
		if err != nil {
			return nil, err
		}
		if sd == nil {
			continue
		}
		if err := sd.DecodeWithLimit(maxDecodedStream); err != nil {
			return nil, err
		}
		if len(out)+len(sd.Content) > maxDecodedStream {
			return nil, errors.New("content larger than the limit")
		}
		out = append(append(out, sd.Content...), '\n')
	}
	return out, nil
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m × n: m applied first.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// gstate is the part of the graphics state text needs.
type gstate struct {
	ctm                                        matrix
	font                                       *pdfFont
	size, charSpace, wordSpace, scale, leading float64
	rise                                       float64
}

type textInterp struct {
	x      *model.XRefTable
	fonts  map[types.IndirectRef]*pdfFont
	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	out    []glyph
	forms  int // form XObjects entered, against loops
	last   glyph
	lastW  float64 // last glyph's advance in user space
	glyphs int
	recent []drawn // the last glyphs drawn, to drop duplicates
}

// Limits against hostile content: nested forms, total forms drawn, glyphs.
const (
	maxFormDepth = 12
	maxForms     = 2000
	maxGlyphs    = 300_000 // a dense page has 20,000
)

func (in *textInterp) run(content []byte, res types.Dict, depth int) error {
	l := &pdfLexer{data: content}
	var ops []pdfToken
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return nil
		case tokOperator:
		default:
			if len(ops) < 64 {
				ops = append(ops, t)
			}
			continue
		}
		if err := in.op(string(t.text), ops, res, depth, l); err != nil {
			return err
		}
		ops = ops[:0]
	}
}

func nums(ops []pdfToken, n int) ([]float64, bool) {
	if len(ops) < n {
		return nil, false
	}
	out := make([]float64, n)
	for i, t := range ops[len(ops)-n:] {
		if t.kind != tokNumber {
			return nil, false
		}
		out[i] = t.num
	}
	return out, true
}

func (in *textInterp) op(name string, ops []pdfToken, res types.Dict, depth int, l *pdfLexer) error {
	gs := &in.gs
	switch name {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, *gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(ops, 6); ok {
			gs.ctm = matrix(v).mul(gs.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if len(ops) >= 2 && ops[len(ops)-2].kind == tokName && ops[len(ops)-1].kind == tokNumber {
			f, err := in.font(res, string(ops[len(ops)-2].text))
			if err != nil {
				return fmt.Errorf("font %s: %w", ops[len(ops)-2].text, err)
			}
			gs.font, gs.size = f, ops[len(ops)-1].num
		}
	case "Tc":
		if v, ok := nums(ops, 1); ok {
			gs.charSpace = v[0]
		}
	case "Tw":
		if v, ok := nums(ops, 1); ok {
			gs.wordSpace = v[0]
		}
	case "Tz":
		if v, ok := nums(ops, 1); ok {
			gs.scale = v[0] / 100
		}
	case "TL":
		if v, ok := nums(ops, 1); ok {
			gs.leading = v[0]
		}
	case "Ts":
		if v, ok := nums(ops, 1); ok {
			gs.rise = v[0]
		}
	case "Td", "TD":
		if v, ok := nums(ops, 2); ok {
			if name == "TD" {
				gs.leading = -v[1]
			}
			in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
			in.tm = in.tlm
		}
	case "Tm":
		if v, ok := nums(ops, 6); ok {
			in.tlm = matrix(v)
			in.tm = in.tlm
		}
	case "T*":
		in.nextLine()
	case "Tj":
		if len(ops) > 0 && ops[len(ops)-1].kind == tokString {
			return in.show(ops[len(ops)-1].text, true)
		}
	case "'":
		in.nextLine()
		if len(ops) > 0 && ops[len(ops)-1].kind == tokString {
			return in.show(ops[len(ops)-1].text, true)
		}
	case "\"":
		if len(ops) >= 3 && ops[len(ops)-3].kind == tokNumber && ops[len(ops)-2].kind == tokNumber {
			gs.wordSpace, gs.charSpace = ops[len(ops)-3].num, ops[len(ops)-2].num
		}
		in.nextLine()
		if len(ops) > 0 && ops[len(ops)-1].kind == tokString {
			return in.show(ops[len(ops)-1].text, true)
		}
	case "TJ":
		if len(ops) > 0 && ops[len(ops)-1].kind == tokArray {
			return in.showArray(ops[len(ops)-1].arr)
		}
	case "Do":
		if len(ops) > 0 && ops[len(ops)-1].kind == tokName {
			return in.form(res, string(ops[len(ops)-1].text), depth)
		}
	case "BDC":
		// Replacement text (/ActualText) is applied by PDFium only, unless
		// it has nothing printable (forms mark their spaces with a tab),
		// which PDFium ignores too.
		if len(ops) > 0 && ops[len(ops)-1].kind == tokDict {
			d := ops[len(ops)-1].arr
			for k := 0; k+1 < len(d); k += 2 {
				if d[k].kind == tokName && string(d[k].text) == "ActualText" && hasPrintable(d[k+1]) {
					return fmt.Errorf("%w: replacement text", errNeedsPDFium)
				}
			}
		}
	case "ID":
		l.skipInlineImage()
	case "gs":
		if len(ops) > 0 && ops[len(ops)-1].kind == tokName {
			if ext := resource(in.x, res, "ExtGState", string(ops[len(ops)-1].text)); ext != nil {
				if d, _ := in.x.DereferenceDict(ext); d != nil && d["Font"] != nil {
					return fmt.Errorf("%w: a font set through the graphics state", errNeedsPDFium)
				}
			}
		}
	case "d0", "d1":
		return fmt.Errorf("%w: glyph procedure", errNeedsPDFium)
	}
	return nil
}

func (in *textInterp) nextLine() {
	in.tlm = matrix{1, 0, 0, 1, 0, -in.gs.leading}.mul(in.tlm)
	in.tm = in.tlm
}

// resource looks up name in the category of a resource dictionary.
func resource(x *model.XRefTable, res types.Dict, category, name string) types.Object {
	if res == nil {
		return nil
	}
	cat, _ := x.DereferenceDict(res[category])
	if cat == nil {
		return nil
	}
	return cat[name]
}

func (in *textInterp) font(res types.Dict, name string) (*pdfFont, error) {
	o := resource(in.x, res, "Font", name)
	if o == nil {
		return nil, fmt.Errorf("%w: font %s missing", errNeedsPDFium, name)
	}
	ref, isRef := o.(types.IndirectRef)
	if isRef {
		if f, ok := in.fonts[ref]; ok {
			return f, nil
		}
	}
	d, err := in.x.DereferenceDict(o)
	if err != nil || d == nil {
		return nil, fmt.Errorf("%w: font %s unreadable", errNeedsPDFium, name)
	}
	f, err := loadFont(in.x, d)
	if err != nil {
		return nil, err
	}
	if isRef {
		in.fonts[ref] = f
	}
	return f, nil
}

func (in *textInterp) form(res types.Dict, name string, depth int) error {
	o := resource(in.x, res, "XObject", name)
	if o == nil {
		return nil
	}
	sd, _, err := in.x.DereferenceStreamDict(o)
	if err != nil || sd == nil || dictName(sd.Dict, "Subtype") != "Form" {
		return nil // images carry no text
	}
	in.forms++
	if depth >= maxFormDepth || in.forms > maxForms {
		return fmt.Errorf("%w: forms nested too deep", errNeedsPDFium)
	}
	if err := sd.DecodeWithLimit(maxDecodedStream); err != nil {
		return fmt.Errorf("%w: form %s: %v", errNeedsPDFium, name, err)
	}
	formRes := res
	if r, _ := in.x.DereferenceDict(sd.Dict["Resources"]); r != nil {
		formRes = r
	}
	saved, savedTm, savedTlm := in.gs, in.tm, in.tlm
	defer func() { in.gs, in.tm, in.tlm = saved, savedTm, savedTlm }()
	if m, _ := in.x.DereferenceArray(sd.Dict["Matrix"]); len(m) == 6 {
		in.gs.ctm = matrix(numbers(in.x, m)).mul(in.gs.ctm)
	}
	return in.run(sd.Content, formRes, depth+1)
}

// showArray draws a TJ array: strings, and numbers that move the next
// glyph back by thousandths of the font size. A move of half a space or
// more is a word gap, as PDFium judges it.
func (in *textInterp) showArray(arr []pdfToken) error {
	first := true
	for _, e := range arr {
		switch e.kind {
		case tokString:
			if err := in.show(e.text, first); err != nil {
				return err
			}
			first = false
		case tokNumber:
			gs := in.gs
			tx := -e.num / 1000 * gs.size * gs.scale
			in.tm = matrix{1, 0, 0, 1, tx, 0}.mul(in.tm)
			if f := gs.font; f != nil && -e.num >= spaceThreshold(f) {
				in.emit(glyph{text: " "})
			}
		}
	}
	return nil
}

// spaceThreshold is the TJ displacement, in thousandths of the font size,
// that PDFium takes for a space: half the font's space.
func spaceThreshold(f *pdfFont) float64 {
	if f.spaceWidth > 0 && f.spaceWidth <= 1000.0/3 {
		return f.spaceWidth / 2
	}
	return 125
}

// show draws a string. newRun is true for the first string of a Tj or TJ:
// PDFium separates it from the text before by a space when there is a
// visible gap between them.
func (in *textInterp) show(s []byte, newRun bool) error {
	gs := &in.gs
	f := gs.font
	if f == nil {
		return fmt.Errorf("%w: text without a font", errNeedsPDFium)
	}
	for _, code := range f.codes(s) {
		w := f.width(code) / 1000
		trm := matrix{gs.size * gs.scale, 0, 0, gs.size, 0, gs.rise}.mul(in.tm).mul(gs.ctm)
		text, ok := f.text(code)
		if !ok {
			return fmt.Errorf("%w: character code %d has no known text", errNeedsPDFium, code)
		}
		if r := []rune(text); len(r) == 1 && (unicode.IsControl(r[0]) || unicode.IsSpace(r[0])) {
			text = " " // as words() reads PDFium's characters
		}
		if rightToLeft(text) {
			return fmt.Errorf("%w: right-to-left text", errNeedsPDFium)
		}
		g := glyph{text: text}
		if text != " " && text != "" {
			g = charBox(text, trm, w, f.ascent/1000, f.descent/1000)
			ox, oy := trm.apply(0, 0)
			if in.isDuplicate(f, code, ox, oy, gs.size) {
				newRun = false
				in.advance(f, code, w)
				continue
			}
			in.recent = append(in.recent, drawn{f, code, ox, oy})
			if len(in.recent) > 7 {
				in.recent = in.recent[1:]
			}
			if newRun && len(in.out) > 0 {
				if in.lineBreakBefore(g) {
					in.dropLineEndHyphen(text)
				} else if in.gapBefore(g) {
					in.emit(glyph{text: " "})
				}
			}
		}
		newRun = false
		if err := in.emit(g); err != nil {
			return err
		}
		if text != " " && text != "" {
			in.lastW = math.Abs(w * trm[0])
		}
		in.advance(f, code, w)
	}
	return nil
}

// advance moves the text matrix past a glyph of width w (thousandths).
func (in *textInterp) advance(f *pdfFont, code int, w float64) {
	gs := &in.gs
	adv := w*gs.size + gs.charSpace
	if !f.twoByte && code == ' ' {
		adv += gs.wordSpace
	}
	in.tm = matrix{1, 0, 0, 1, adv * gs.scale, 0}.mul(in.tm)
}

// drawn is a glyph recently drawn: its font, code and origin.
type drawn struct {
	font   *pdfFont
	code   int
	ox, oy float64
}

// isDuplicate reports a glyph drawn again over itself (fake bold, shadows):
// PDFium keeps one when one of the last seven characters has the same code
// and font within 7 % of the font size.
func (in *textInterp) isDuplicate(f *pdfFont, code int, ox, oy, size float64) bool {
	limit := 0.07 * math.Abs(size)
	for _, d := range in.recent {
		if d.font == f && d.code == code && math.Abs(d.ox-ox) < limit && math.Abs(d.oy-oy) < limit {
			return true
		}
	}
	return false
}

// lineBreakBefore reports whether g, the first glyph of a text object,
// starts a new line after the previous glyph.
func (in *textInterp) lineBreakBefore(g glyph) bool {
	p := in.last
	if p.text == " " {
		return false
	}
	h := math.Max(p.y1-p.y0, g.y1-g.y0)
	return math.Abs((p.y0+p.y1)/2-(g.y0+g.y1)/2) > h/2
}

// dropLineEndHyphen removes a hyphen that splits a word across lines, as
// PDFium does: the line ends in a letter and a hyphen, and the next line
// (starting with next) goes on with a letter or digit.
func (in *textInterp) dropLineEndHyphen(next string) {
	n := len(in.out)
	for n > 0 && in.out[n-1].text == " " {
		n--
	}
	if n < 2 || !isHyphenText(in.out[n-1].text) {
		return
	}
	before, after := []rune(in.out[n-2].text), []rune(next)
	if len(before) == 0 || len(after) == 0 || !unicode.IsLetter(before[len(before)-1]) ||
		!(unicode.IsLetter(after[0]) || unicode.IsDigit(after[0])) {
		return
	}
	in.out[n-1].text = " "
}

func isHyphenText(t string) bool { return t == "-" || t == "\u00ad" }

// rightToLeft reports Hebrew or Arabic text, which PDFium reorders.
func rightToLeft(t string) bool {
	for _, r := range t {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF {
			return true
		}
	}
	return false
}

// gapBefore reports whether g starts a new word after the previous glyph
// although no space was drawn: on the same line, past a quarter of the
// wider of the two characters.
func (in *textInterp) gapBefore(g glyph) bool {
	p := in.last
	if p.text == " " {
		return false
	}
	h := math.Max(p.y1-p.y0, g.y1-g.y0)
	if math.Abs((p.y0+p.y1)/2-(g.y0+g.y1)/2) > h/2 {
		return false
	}
	gap := g.x0 - p.x1
	return gap > math.Max(in.lastW, g.x1-g.x0)/4
}

// charBox is a glyph's loose box on the page, y growing downwards.
func charBox(text string, trm matrix, w, ascent, descent float64) glyph {
	xs, ys := [4]float64{}, [4]float64{}
	for k, p := range [4][2]float64{{0, descent}, {w, descent}, {0, ascent}, {w, ascent}} {
		xs[k], ys[k] = trm.apply(p[0], p[1])
	}
	x0, x1 := min(xs[0], xs[1], xs[2], xs[3]), max(xs[0], xs[1], xs[2], xs[3])
	y0, y1 := min(ys[0], ys[1], ys[2], ys[3]), max(ys[0], ys[1], ys[2], ys[3])
	if l, ok := ligatures[[]rune(text)[0]]; ok && len([]rune(text)) == 1 {
		text = l
	}
	return glyph{text: text, x0: x0, y0: -y1, x1: x1, y1: -y0}
}

func (in *textInterp) emit(g glyph) error {
	in.glyphs++
	if in.glyphs > maxGlyphs {
		return fmt.Errorf("%w: too many characters", errNeedsPDFium)
	}
	in.out = append(in.out, g)
	in.last = g
	return nil
}

// hasPrintable reports whether a text string has a character PDFium takes
// as printable replacement text.
func hasPrintable(t pdfToken) bool {
	if t.kind != tokString {
		return true // not a string: let PDFium judge
	}
	text := string(t.text)
	if len(t.text) >= 2 && t.text[0] == 0xFE && t.text[1] == 0xFF {
		text = utf16Text(t.text[2:])
	}
	for _, r := range text {
		if r > 0x80 && r < 0xFFFD || r <= 0x80 && r >= 0x20 && r < 0x7F {
			return true
		}
	}
	return false
}
