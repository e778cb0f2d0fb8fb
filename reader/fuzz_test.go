package reader

import (
	"context"
	"errors"
	"testing"

	"loanbatch/pdftext"
	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

func FuzzSniffAndValidateImage(f *testing.F) {
	for _, s := range [][]byte{
		[]byte("%PDF-1.7"),
		{0xFF, 0xD8, 0xFF, 0xE0},
		[]byte("\x89PNG\r\n\x1a\n"), []byte("II*\x00\x08\x00\x00\x00"),
		[]byte("MM\x00*\x00\x00\x00\x08"), []byte("II+\x00\x08\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00"),
		pngHeader(20000, 20000), tiffFile([][2]uint32{{100, 100}}, []uint32{8}), tiffFile(make51(), nil),
		[]byte("GIF89a"), []byte("RIFF\x00\x00\x00\x00WEBP"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, found := Sniff(data)
		if (format == "") == (found == "") {
			t.Fatalf("sniff gave format %q and description %q", format, found)
		}
		if format == pipeline.FormatJPEG || format == pipeline.FormatPNG || format == pipeline.FormatTIFF {
			info, err := validateImage(format, data, pipeline.Limits{})
			if err == nil && (info.Pages < 1 || info.Pages > pipeline.DefaultLimits.MaxPages) {
				t.Fatalf("accepted %d pages", info.Pages)
			}
			if err != nil && pipeline.KindOf(err) != pipeline.KindValidation {
				t.Fatalf("validation failed with kind %s", pipeline.KindOf(err))
			}
		}
	})
}

// FuzzGoTextReader feeds the in-process text reader arbitrary files: it
// must return text or refuse (pdftext.ErrNeedsPDFium), never panic or hang.
func FuzzGoTextReader(f *testing.F) {
	loan := pipelinetest.SampleLoans()[0]
	f.Add(pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()}))
	f.Add(pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()}))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	// The hostile constructions that are quick to read (the others decode
	// tens of megabytes, too slow for seeds under -race).
	for _, h := range pipelinetest.HostilePDFs() {
		switch h.Name {
		case "xref-stream-10M-objects", "xref-stream-10M-index", "trailer-size-2G", "type0-1000-W-ranges", "bfrange-3000":
			f.Add(h.Make())
		}
	}
	a := New(Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := a.AnalyzeTextLayer(context.Background(), data, nil)
		if err != nil {
			if !errors.Is(err, pdftext.ErrNeedsPDFium) {
				t.Fatalf("error %v is not a refusal", err)
			}
			return
		}
		if res.Pages < 1 || len(res.PageTexts) != res.Pages || res.TextSource != pipeline.SourceTextLayer {
			t.Fatalf("accepted a document with %d pages, %d texts, source %s", res.Pages, len(res.PageTexts), res.TextSource)
		}
	})
}
