package pdftext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// ErrNeedsPDFium marks a PDF whose text the Go reader cannot decode with
// certainty (a font without a Unicode mapping, Type 3 fonts, vertical
// writing, replacement text): PDFium reads it instead.
var ErrNeedsPDFium = errors.New("pipeline: the text needs PDFium")

// pdfFont is what the Go text reader needs of a font: how to split a string
// into character codes, each code's text and advance width, and the
// font's ascent and descent (for the characters' boxes). Widths and
// heights are in thousandths of the font size.
type pdfFont struct {
	twoByte         bool // Type0 with Identity-H: two-byte codes
	firstChar       int
	widths          []float64
	cidWidths       map[int]float64
	defaultWidth    float64
	toUnicode       map[int]string
	encoding        [256]string // glyph names of a simple font's codes
	ascent, descent float64
	spaceWidth      float64 // 0 when the font has no space
}

// codes splits a shown string into character codes.
func (f *pdfFont) codes(s []byte) []int {
	if !f.twoByte {
		out := make([]int, len(s))
		for i, b := range s {
			out[i] = int(b)
		}
		return out
	}
	out := make([]int, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		out = append(out, int(s[i])<<8|int(s[i+1]))
	}
	return out
}

// text is the Unicode text of a code; ok is false when it is unknown.
func (f *pdfFont) text(code int) (string, bool) {
	if t, ok := f.toUnicode[code]; ok {
		return t, t != ""
	}
	if f.twoByte || code > 255 {
		return "", false
	}
	name := f.encoding[code]
	if name == "" {
		return "", false
	}
	return glyphText(name)
}

// width is a code's advance in thousandths of the font size.
func (f *pdfFont) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidWidths[code]; ok {
			return w
		}
		return f.defaultWidth
	}
	if i := code - f.firstChar; i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return f.defaultWidth
}

// loadFont reads a font dictionary, charging its widths and CMap to the
// document's budget. It returns ErrNeedsPDFium for fonts whose text it
// cannot map with certainty, and ErrOverBudget past the budget.
func (r *Reader) loadFont(d types.Dict) (*pdfFont, error) {
	if err := r.budget.object(); err != nil {
		return nil, err
	}
	x := r.x
	f := &pdfFont{ascent: 750, descent: -250}
	subtype := dictName(d, "Subtype")
	switch subtype {
	case "Type1", "MMType1", "TrueType":
	case "Type0":
		return r.loadType0(d, f)
	default: // Type3 glyphs are drawings with arbitrary names
		return nil, fmt.Errorf("%w: %s font", ErrNeedsPDFium, subtype)
	}
	base := stripSubsetTag(dictName(d, "BaseFont"))
	desc, _ := x.DereferenceDict(d["FontDescriptor"])
	embedded := desc != nil && (desc["FontFile"] != nil || desc["FontFile2"] != nil || desc["FontFile3"] != nil)
	if desc != nil {
		if err := f.readDescriptor(x, desc); err != nil {
			return nil, err
		}
	} else {
		var ok bool
		if f.ascent, f.descent, ok = substituteAscent(base); !ok {
			return nil, fmt.Errorf("%w: %s without a descriptor", ErrNeedsPDFium, base)
		}
	}

	// Widths: the dictionary's, else the standard font's metrics.
	f.firstChar = dictInt(x, d, "FirstChar")
	if ws, err := x.DereferenceArray(d["Widths"]); err == nil && ws != nil {
		if err := r.budget.entry(len(ws)); err != nil {
			return nil, err
		}
		f.widths = numbers(x, ws)
	} else if pdffont.IsCoreFont(base) {
		f.firstChar = 0
		f.widths = make([]float64, 256)
		for c := range f.widths {
			if w, err := pdffont.CharWidth(base, rune(c)); err == nil {
				f.widths[c] = float64(w)
			}
		}
	} else {
		return nil, fmt.Errorf("%w: %s without widths", ErrNeedsPDFium, base)
	}

	// Encoding: a named base encoding, Differences on top.
	symbolic := base == "Symbol" || base == "ZapfDingbats"
	baseEnc := ""
	var diffs types.Array
	switch e := deref(x, d["Encoding"]).(type) {
	case types.Name:
		baseEnc = string(e)
	case types.Dict:
		baseEnc = dictName(e, "BaseEncoding")
		diffs, _ = x.DereferenceArray(e["Differences"])
	}
	switch {
	case baseEnc != "":
		if !setEncoding(&f.encoding, baseEnc) {
			return nil, fmt.Errorf("%w: %s", ErrNeedsPDFium, baseEnc)
		}
	case embedded || symbolic || subtype == "TrueType":
		// The font program's own encoding applies, which only PDFium reads;
		// a ToUnicode map may still cover every code.
	default:
		setEncoding(&f.encoding, "StandardEncoding")
	}
	code := 0
	for _, o := range diffs {
		switch v := deref(x, o).(type) {
		case types.Integer:
			code = int(v)
		case types.Float:
			code = int(v)
		case types.Name:
			if code >= 0 && code < 256 {
				f.encoding[code] = string(v)
			}
			code++
		}
	}
	if err := r.readToUnicode(f, d); err != nil {
		return nil, err
	}
	if t, ok := f.text(' '); ok && t == " " {
		f.spaceWidth = f.width(' ')
	}
	return f, nil
}

func (r *Reader) loadType0(d types.Dict, f *pdfFont) (*pdfFont, error) {
	x := r.x
	if enc := dictName(d, "Encoding"); enc != "Identity-H" {
		return nil, fmt.Errorf("%w: CMap %q", ErrNeedsPDFium, enc) // vertical writing or a CMap only PDFium reads
	}
	f.twoByte = true
	f.defaultWidth = 1000
	kids, _ := x.DereferenceArray(d["DescendantFonts"])
	var cid types.Dict
	if len(kids) > 0 {
		cid, _ = x.DereferenceDict(kids[0])
	}
	if cid == nil {
		return nil, fmt.Errorf("%w: composite font without a descendant", ErrNeedsPDFium)
	}
	desc, _ := x.DereferenceDict(cid["FontDescriptor"])
	if err := f.readDescriptor(x, desc); err != nil {
		return nil, err
	}
	if dw := deref(x, cid["DW"]); dw != nil {
		f.defaultWidth = number(dw)
	}
	w, _ := x.DereferenceArray(cid["W"])
	var err error
	if f.cidWidths, err = r.cidWidths(w); err != nil {
		return nil, err
	}
	if err := r.readToUnicode(f, d); err != nil {
		return nil, err
	}
	if f.toUnicode == nil {
		return nil, fmt.Errorf("%w: composite font without ToUnicode", ErrNeedsPDFium)
	}
	for code, t := range f.toUnicode {
		if t == " " {
			f.spaceWidth = f.width(code)
			break
		}
	}
	return f, nil
}

// cidWidths reads a CIDFont's /W array: "first [w1 w2 …]" and "first last
// w" entries, each width charged to the budget before it is kept.
func (r *Reader) cidWidths(w types.Array) (map[int]float64, error) {
	x := r.x
	out := map[int]float64{}
	for i := 0; i+1 < len(w); {
		first := int(number(deref(x, w[i])))
		if arr, ok := deref(x, w[i+1]).(types.Array); ok {
			if err := r.budget.entry(len(arr)); err != nil {
				return nil, err
			}
			for k, v := range numbers(x, arr) {
				out[first+k] = v
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			break
		}
		last, width := int(number(deref(x, w[i+1]))), number(deref(x, w[i+2]))
		if last < first {
			i += 3
			continue
		}
		last = min(last, first+65535)
		if err := r.budget.entry(last - first + 1); err != nil {
			return nil, err
		}
		for c := first; c <= last; c++ {
			out[c] = width
		}
		i += 3
	}
	return out, nil
}

// readDescriptor takes the ascent, descent and missing width from a font
// descriptor. PDFium guesses what a descriptor without Ascent and Descent
// leaves open, so such fonts are left to it.
func (f *pdfFont) readDescriptor(x *model.XRefTable, desc types.Dict) error {
	if desc == nil || desc["Ascent"] == nil || desc["Descent"] == nil {
		return fmt.Errorf("%w: descriptor without ascent and descent", ErrNeedsPDFium)
	}
	a, d := number(deref(x, desc["Ascent"])), number(deref(x, desc["Descent"]))
	if a == d {
		return ErrNeedsPDFium
	}
	// PDFium measures no higher than the font's bounding box.
	if bbox, _ := x.DereferenceArray(desc["FontBBox"]); len(bbox) == 4 {
		if top := number(deref(x, bbox[3])); top > 0 && a > top {
			a = top
		}
	}
	f.ascent, f.descent = a, d
	if mw := deref(x, desc["MissingWidth"]); mw != nil {
		f.defaultWidth = number(mw)
	}
	return nil
}

// readToUnicode reads a font's ToUnicode CMap; a CMap several fonts
// share is parsed once.
func (r *Reader) readToUnicode(f *pdfFont, d types.Dict) error {
	if d["ToUnicode"] == nil {
		return nil
	}
	ref, isRef := d["ToUnicode"].(types.IndirectRef)
	if isRef && r.cmaps[ref] != nil {
		f.toUnicode = r.cmaps[ref]
		return nil
	}
	content, err := r.decode(d["ToUnicode"], maxDecodedCMap)
	if err != nil {
		return fmt.Errorf("%w: ToUnicode: %w", ErrNeedsPDFium, err)
	}
	if f.toUnicode, err = parseToUnicode(content, r.budget); err != nil {
		return err
	}
	if isRef {
		r.cmaps[ref] = f.toUnicode
	}
	return nil
}

// parseToUnicode reads the bfchar and bfrange entries of a ToUnicode CMap,
// charging every token and code to the budget.
func parseToUnicode(data []byte, b *readBudget) (map[int]string, error) {
	out := map[int]string{}
	l := newLexer(data, b)
	var ops []pdfToken
	for {
		t := l.next()
		if t.kind == tokEOF {
			return out, l.err()
		}
		if t.kind != tokOperator {
			if len(ops) >= maxCMapOperands {
				return nil, b.fail(fmt.Errorf("%w: a CMap block of more than %d operands", ErrOverBudget, maxCMapOperands))
			}
			ops = append(ops, t)
			continue
		}
		switch string(t.text) {
		case "endbfchar":
			if err := b.entry(len(ops) / 2); err != nil {
				return nil, err
			}
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].kind == tokString && ops[i+1].kind == tokString && len(ops[i+1].text) <= maxMappedText {
					out[codeOf(ops[i].text)] = utf16Text(ops[i+1].text)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				if err := addRange(out, ops[i], ops[i+1], ops[i+2], b); err != nil {
					return nil, err
				}
			}
		}
		ops = ops[:0]
	}
}

// addRange adds a bfrange entry: codes lo..hi to consecutive text from
// dst, or to the texts of the array dst. The range's codes are charged to
// the budget before any is added.
func addRange(out map[int]string, lo, hi, dst pdfToken, budget *readBudget) error {
	if lo.kind != tokString || hi.kind != tokString {
		return nil
	}
	a, b := codeOf(lo.text), codeOf(hi.text)
	if b < a || b-a > 65535 {
		return nil
	}
	switch dst.kind {
	case tokString:
		if len(dst.text) > maxMappedText {
			return nil
		}
		if err := budget.entry(b - a + 1); err != nil {
			return err
		}
		next := append([]byte(nil), dst.text...)
		for c := a; c <= b; c++ {
			out[c] = utf16Text(next)
			incrementLast(next)
		}
	case tokArray:
		n := min(len(dst.arr), b-a+1)
		if err := budget.entry(n); err != nil {
			return err
		}
		for k, e := range dst.arr[:n] {
			if e.kind == tokString && len(e.text) <= maxMappedText {
				out[a+k] = utf16Text(e.text)
			}
		}
	}
	return nil
}

func codeOf(b []byte) int {
	c := 0
	for _, x := range b {
		c = c<<8 | int(x)
	}
	return c
}

// incrementLast adds one to a big-endian UTF-16 value's last code unit.
func incrementLast(b []byte) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i]++
		if b[i] != 0 || (len(b)-i)%2 == 0 {
			return
		}
	}
}

func utf16Text(b []byte) string {
	if len(b)%2 == 1 {
		b = append([]byte{0}, b...)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// stripSubsetTag removes the "ABCDEF+" prefix of an embedded subset.
func stripSubsetTag(name string) string {
	if len(name) > 7 && name[6] == '+' && strings.ToUpper(name[:6]) == name[:6] {
		return name[7:]
	}
	return name
}

// substituteAscent is the ascent and descent PDFium gives a font that
// comes with neither a program nor a descriptor (the standard 14 and their
// Windows names): those of the font it draws instead, as measured through
// FPDFText_GetLooseCharBox. Other fonts, and slanted ones (whose boxes
// PDFium widens), are left to PDFium.
func substituteAscent(base string) (ascent, descent float64, ok bool) {
	name := strings.NewReplacer(" ", "", ",", "-", "PS-", "-", "MT", "").Replace(base)
	if strings.Contains(name, "Italic") || strings.Contains(name, "Oblique") {
		return 0, 0, false
	}
	switch name {
	case "Helvetica", "Arial":
		return 945, -224, true
	case "Helvetica-Bold", "Arial-Bold":
		return 962, -227, true
	case "Times-Roman", "TimesNewRoman", "TimesNewRomanPS":
		return 878, -249, true
	case "Times-Bold", "TimesNewRoman-Bold":
		return 889, -249, true
	case "Courier", "CourierNew", "CourierNewPS":
		return 803, -248, true
	case "Courier-Bold", "CourierNew-Bold":
		return 811, -248, true
	}
	return 0, 0, false
}

func deref(x *model.XRefTable, o types.Object) types.Object {
	v, err := x.Dereference(o)
	if err != nil {
		return nil
	}
	return v
}

func dictName(d types.Dict, key string) string {
	if n, ok := d[key].(types.Name); ok {
		return string(n)
	}
	return ""
}

func dictInt(x *model.XRefTable, d types.Dict, key string) int {
	return int(number(deref(x, d[key])))
}

func number(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	}
	return 0
}

func numbers(x *model.XRefTable, a types.Array) []float64 {
	out := make([]float64, len(a))
	for i, o := range a {
		out[i] = number(deref(x, o))
	}
	return out
}

// glyphText maps a glyph name to its text (Adobe Glyph List conventions:
// suffixes after a period are variants, underscores join ligatures).
func glyphText(name string) (string, bool) {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			t, ok := glyphText(part)
			if !ok {
				return "", false
			}
			b.WriteString(t)
		}
		return b.String(), true
	}
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return name, true
	}
	if strings.HasPrefix(name, "uni") && len(name) == 7 {
		if v, err := strconv.ParseUint(name[3:], 16, 16); err == nil && v >= 0x20 && (v < 0xD800 || v > 0xDFFF) {
			return string(rune(v)), true
		}
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v >= 0x20 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) {
			return string(rune(v)), true
		}
	}
	return "", false
}
