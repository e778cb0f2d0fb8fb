package pdftext

import (
	"fmt"
	"reflect"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"loanbatch/textlayout"
)

// The content-stream interpreter of the Go text reader: the graphics and
// text state, resources, fonts and form XObjects.

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
	r      *Reader
	x      *model.XRefTable
	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	out    []textlayout.Glyph
	forms  int // form XObjects entered, against loops
	last   textlayout.Glyph
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
	l := newLexer(content, in.r.budget)
	var ops []pdfToken
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return l.err()
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
	case "Tc", "Tw", "TL", "Ts":
		if v, ok := nums(ops, 1); ok {
			*map[string]*float64{"Tc": &gs.charSpace, "Tw": &gs.wordSpace, "TL": &gs.leading, "Ts": &gs.rise}[name] = v[0]
		}
	case "Tz":
		if v, ok := nums(ops, 1); ok {
			gs.scale = v[0] / 100
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
					return fmt.Errorf("%w: replacement text", ErrNeedsPDFium)
				}
			}
		}
	case "ID":
		l.skipInlineImage()
	case "gs":
		if len(ops) > 0 && ops[len(ops)-1].kind == tokName {
			if ext := resource(in.x, res, "ExtGState", string(ops[len(ops)-1].text)); ext != nil {
				if d, _ := in.x.DereferenceDict(ext); d != nil && d["Font"] != nil {
					return fmt.Errorf("%w: a font set through the graphics state", ErrNeedsPDFium)
				}
			}
		}
	case "d0", "d1":
		return fmt.Errorf("%w: glyph procedure", ErrNeedsPDFium)
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
		return nil, fmt.Errorf("%w: font %s missing", ErrNeedsPDFium, name)
	}
	d, err := in.x.DereferenceDict(o)
	if err != nil || d == nil {
		return nil, fmt.Errorf("%w: font %s unreadable", ErrNeedsPDFium, name)
	}
	// A font given in place is the same dictionary at every Tf: it is
	// loaded once too.
	key := objKey{dict: reflect.ValueOf(d).Pointer()}
	if ref, ok := o.(types.IndirectRef); ok {
		key = objKey{ref: ref}
	}
	if f, ok := in.r.fonts[key]; ok {
		return f, nil
	}
	f, err := in.r.loadFont(d)
	if err != nil {
		return nil, err
	}
	in.r.fonts[key] = f
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
		return fmt.Errorf("%w: forms nested too deep", ErrNeedsPDFium)
	}
	if err := in.r.budget.object(); err != nil {
		return err
	}
	content, err := in.r.formContent(o)
	if err != nil {
		return fmt.Errorf("%w: form %s: %w", ErrNeedsPDFium, name, err)
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
	return in.run(content, formRes, depth+1)
}

// formContent is a form XObject's decoded content, decoded once while the
// cache has room.
func (r *Reader) formContent(o types.Object) ([]byte, error) {
	ref, isRef := o.(types.IndirectRef)
	if c, ok := r.forms[ref]; ok && isRef {
		return c, nil
	}
	c, err := r.decode(o, MaxDecodedStream)
	if err != nil {
		return nil, err
	}
	if isRef && r.formBytes+len(c) <= maxFormCache {
		r.forms[ref] = c
		r.formBytes += len(c)
	}
	return c, nil
}
