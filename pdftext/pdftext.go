// Package pdftext reads the text layer of a PDF in Go, on top of pdfcpu's object
// model: the content-stream lexer, fonts and their encodings, the text
// interpreter, within a budget of work per document (pdfbudget.go).
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"loanbatch/textlayout"
)

// The Go text reader interprets a page's content stream on top of pdfcpu's
// object model and yields the same characters and boxes PDFium's text page
// gives (loose boxes: the font's ascent to descent, the glyph's advance
// wide). A text PDF then needs no PDFium at all, which saves its start-up
// (0.15 s of a one-document job) and a WebAssembly call per character.
// Whatever it cannot decode with certainty returns ErrNeedsPDFium, and
// PDFium reads that document: TestGoTextMatchesPDFium holds the two readers
// to the same text.

// Parse parses and validates a PDF with pdfcpu in relaxed mode
// (strict mode rejects files from common producers), within limits on
// what its objects may make it build.
func Parse(data []byte) (ctx *model.Context, err error) {
	disablePdfcpuConfig.Do(api.DisableConfigDir) // pdfcpu otherwise writes into the user's home
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdfcpu: panic: %v", r)
		}
	}()
	if n, ok := declaredObjects(data); !ok {
		return nil, fmt.Errorf("%w: declares %d objects", ErrOverBudget, n)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxDecodeBytes = MaxDecodedStream
	conf.Limits.MaxStreamBytes = MaxDecodedStream
	conf.Limits.MaxObjectCount = maxPDFObjects
	conf.Limits.MaxXRefEntries = maxPDFObjects
	conf.Limits.MaxObjectStreamCount = maxPDFObjects
	ctx, err = api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, err
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
}

// declaredObjects finds the largest object count a trailer or an xref
// stream declares (/Size n); ok is false when one is over maxPDFObjects.
// pdfcpu trusts a trailer's /Size in loops and allocations that its
// limits do not cover, so such a file never reaches it.
func declaredObjects(data []byte) (largest int, ok bool) {
	key := []byte("/Size")
	for rest := data; ; {
		i := bytes.Index(rest, key)
		if i < 0 {
			return largest, true
		}
		rest = rest[i+len(key):]
		j := 0
		for j < len(rest) && isPDFSpace(rest[j]) {
			j++
		}
		n := 0
		for ; j < len(rest) && rest[j] >= '0' && rest[j] <= '9'; j++ {
			if n = n*10 + int(rest[j]-'0'); n > maxPDFObjects {
				return n, false
			}
		}
		largest = max(largest, n)
	}
}

// Reader reads one document's pages with the Go text reader: pdfcpu's
// objects, the document's budget, and what its pages share, each parsed or
// decoded once (fonts, CMaps and form XObjects, which hostile files draw
// thousands of times).
type Reader struct {
	x         *model.XRefTable
	budget    *readBudget
	fonts     map[objKey]*pdfFont
	cmaps     map[types.IndirectRef]map[int]string
	forms     map[types.IndirectRef][]byte // decoded form content
	formBytes int                          // held in forms, at most maxFormCache
}

// maxFormCache bounds the decoded form content kept for the pages to come;
// forms past it are decoded again at each use, from the budget.
const maxFormCache = 32 << 20

// objKey names a font: by its reference, or for a dictionary written in
// place, by the dictionary itself (pdfcpu keeps one map per object).
type objKey struct {
	ref  types.IndirectRef
	dict uintptr
}

func NewReader(ctx context.Context, parsed *model.Context) *Reader {
	return &Reader{
		x: parsed.XRefTable, budget: newReadBudget(ctx),
		fonts: map[objKey]*pdfFont{}, cmaps: map[types.IndirectRef]map[int]string{},
		forms: map[types.IndirectRef][]byte{},
	}
}

// errNoStream is decode's answer for an object that is null.
var errNoStream = errors.New("pipeline: no stream")

// decode returns a stream's decoded bytes, at most limit, charged to the
// budget.
func (r *Reader) decode(o types.Object, limit int64) ([]byte, error) {
	sd, _, err := r.x.DereferenceStreamDict(o)
	if err != nil {
		return nil, err
	}
	if sd == nil {
		return nil, errNoStream
	}
	if err := sd.DecodeWithLimit(limit); err != nil {
		return nil, err
	}
	if err := r.budget.decodedBytes(len(sd.Content)); err != nil {
		return nil, err
	}
	return sd.Content, nil
}

// PageWords reads page i (0-based) of a PDF parsed by pdfcpu as words.
func PageWords(r *Reader, i int) (ws []textlayout.Word, err error) {
	defer func() {
		if p := recover(); p != nil {
			ws, err = nil, fmt.Errorf("%w: panic: %v", ErrNeedsPDFium, p)
		}
	}()
	page, _, attrs, err := r.x.PageDict(i+1, false)
	if err != nil || page == nil {
		return nil, fmt.Errorf("%w: page %d: %v", ErrNeedsPDFium, i+1, err)
	}
	content, err := r.pageContent(page)
	if err != nil {
		return nil, fmt.Errorf("%w: page %d content: %w", ErrNeedsPDFium, i+1, err)
	}
	var res types.Dict
	if attrs != nil {
		res = attrs.Resources
	}
	in := &textInterp{r: r, x: r.x, gs: gstate{ctm: identity, scale: 1}}
	if err := in.run(content, res, 0); err != nil {
		return nil, err
	}
	return textlayout.WordsFromGlyphs(in.out), nil
}

// MaxDecodedStream bounds what one stream may decompress to, and a page's
// content in all: the reader runs inside the application's process, where
// a compression bomb must not take the memory.
const MaxDecodedStream = 64 << 20

// maxDecodedCMap bounds a ToUnicode CMap's decoded bytes: one mapping all
// 65,536 two-byte codes one by one takes 2 MB.
const maxDecodedCMap = 8 << 20

// pageContent decodes a page's content streams, in order.
func (r *Reader) pageContent(page types.Dict) ([]byte, error) {
	o, err := r.x.Dereference(page["Contents"])
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
		content, err := r.decode(p, MaxDecodedStream)
		if errors.Is(err, errNoStream) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if len(parts) == 1 {
			return content, nil
		}
		if len(out)+len(content) > MaxDecodedStream {
			return nil, errors.New("content larger than the limit")
		}
		out = append(append(out, content...), '\n')
	}
	return out, nil
}

var disablePdfcpuConfig sync.Once
