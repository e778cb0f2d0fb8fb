// Command genfixtures writes the generated test documents to a folder, for
// benchmarks of whole commands (.ci/bench.sh) and for trying the app:
//
//	go run ./pipeline/pipelinetest/genfixtures -out DIR
//
// DIR/text/ holds text PDFs (-text of them), DIR/scans/ multi-page scans
// (TIFF and image-only PDF) and DIR/pages/ the same scanned pages as PNGs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"loanbatch/pipeline/pipelinetest"
)

func main() {
	out := flag.String("out", "fixtures", "folder to write to")
	texts := flag.Int("text", 20, "how many text PDFs")
	scanPages := flag.Int("scan-pages", 4, "pages of each multi-page scan")
	flag.Parse()
	loans := pipelinetest.SampleLoans()
	layouts := []func(pipelinetest.Loan) []pipelinetest.Line{
		pipelinetest.Loan.EstimateLines, pipelinetest.Loan.LetterLines, pipelinetest.Loan.TermSheetLines,
	}
	for _, d := range []string{"text", "scans", "pages"} {
		must(os.MkdirAll(filepath.Join(*out, d), 0o755))
	}
	for i := 0; i < *texts; i++ {
		loan := loans[i%len(loans)]
		pdf := pipelinetest.PDF(pipelinetest.Page{Lines: layouts[i%len(layouts)](loan)})
		must(os.WriteFile(filepath.Join(*out, "text", fmt.Sprintf("loan-%03d.pdf", i)), pdf, 0o644))
	}
	for s, kind := range []string{"tif", "pdf"} {
		var grays []*image.Gray
		var pages []pipelinetest.Page
		for p := 0; p < *scanPages; p++ {
			loan := loans[(s+p)%len(loans)]
			g := pipelinetest.Scan(layouts[p%len(layouts)](loan), pipelinetest.ScanOptions{Noise: 0.003, RotateDeg: 0.4, Seed: uint64(p)})
			grays = append(grays, g)
			pages = append(pages, pipelinetest.Page{Scan: g})
			var b bytes.Buffer
			must(png.Encode(&b, g))
			must(os.WriteFile(filepath.Join(*out, "pages", fmt.Sprintf("scan-%s-p%d.png", kind, p+1)), b.Bytes(), 0o644))
		}
		data := pipelinetest.MultiPageTIFF(grays)
		if kind == "pdf" {
			data = pipelinetest.PDF(pages...)
		}
		must(os.WriteFile(filepath.Join(*out, "scans", "scan."+kind), data, 0o644))
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
