package pipeline

import (
	"bytes"
	"errors"
	"fmt"

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
