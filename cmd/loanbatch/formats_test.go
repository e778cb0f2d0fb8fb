//go:build !windows

package main_test

import (
	"archive/zip"
	"encoding/json"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// TestWhateverIsDroppedIsAccountedFor is issue 15's acceptance run: a
// folder holding a Loan Estimate page as HEIC, AVIF, WebP, JPEG 2000, BMP
// and GIF, a
// ZIP of three real documents, a ZIP that inflates to 400 MB, a note and
// system clutter gives a row for each document, none for the clutter, and
// the application's peak memory stays far below 600 MB.
func TestWhateverIsDroppedIsAccountedFor(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode: OCR of seven scans and a 400 MB ZIP bomb")
	}
	data, in := t.TempDir(), t.TempDir()
	loans := pipelinetest.SampleLoans()
	page := func(i int) *image.Gray {
		return pipelinetest.Scan(loans[i%3].EstimateLines(), pipelinetest.ScanOptions{Noise: 0.004, Seed: uint64(i)})
	}
	encoders := []struct {
		name   string
		encode func(*image.Gray) ([]byte, error)
	}{
		{"estimate.heic", pipelinetest.EncodeHEIC},
		{"estimate.avif", pipelinetest.EncodeAVIF},
		{"estimate.webp", pipelinetest.EncodeWebP},
		{"estimate.jp2", pipelinetest.EncodeJP2},
		{"estimate.bmp", pipelinetest.EncodeBMP},
		{"estimate.gif", pipelinetest.EncodeGIF},
	}
	wantLoan := map[string]pipelinetest.Loan{}
	for i, e := range encoders {
		b, err := e.encode(page(i))
		if err != nil {
			t.Fatal(err)
		}
		write(t, in, e.name, b)
		wantLoan[e.name] = loans[i%3]
	}
	zipFile(t, filepath.Join(in, "borrower.zip"), map[string]io.Reader{
		"1-estimate.pdf":       strings.NewReader(string(pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()}))),
		"2-scan.png":           strings.NewReader(string(scanPNG(t, loans[1], 9))),
		"older/3-estimate.pdf": strings.NewReader(string(pipelinetest.PDF(pipelinetest.Page{Lines: loans[2].EstimateLines()}))),
	}, "1-estimate.pdf", "2-scan.png", "older/3-estimate.pdf")
	wantLoan["borrower.zip/1-estimate.pdf"] = loans[0]
	wantLoan["borrower.zip/2-scan.png"] = loans[1]
	wantLoan["borrower.zip/older/3-estimate.pdf"] = loans[2]
	zipFile(t, filepath.Join(in, "bomb.zip"), map[string]io.Reader{"statement.pdf": &zeros{n: 400 << 20}}, "statement.pdf")
	write(t, in, "note.txt", []byte("Borrower will send the W-2 on Monday.\n"))
	write(t, in, ".DS_Store", []byte("\x00\x00\x00\x01Bud1"))
	write(t, in, "Thumbs.db", []byte("\xd0\xcf\x11\xe0"))
	write(t, in, "._estimate.webp", []byte("\x00\x05\x16\x07"))

	cmd := exec.Command(binary, "process", "--json", "--data", data, in)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	appPeak := waitMeasuringPeak(cmd) // the application's own process, which opens the archives
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d; want 1 (the bomb and the note failed)\n%s", code, errb.String())
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // the largest of it and its OCR worker
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(out.String()), &sum); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range sum.Results {
		names = append(names, r.FileName)
		t.Logf("%-36s %s %s %s %s", r.FileName, r.Status, r.LoanID, r.ErrorType, r.ErrorMessage)
	}
	want := "bomb.zip|borrower.zip/1-estimate.pdf|borrower.zip/2-scan.png|borrower.zip/older/3-estimate.pdf|" +
		"estimate.avif|estimate.bmp|estimate.gif|estimate.heic|estimate.jp2|estimate.webp|note.txt"
	if strings.Join(names, "|") != want {
		t.Fatalf("rows %q; want %s", names, want)
	}
	for _, r := range sum.Results {
		switch loan, ok := wantLoan[r.FileName]; {
		case ok:
			if r.Status != pipeline.DocSuccess || r.LoanID != loan.LoanID || r.Fields.LoanAmountCents != loan.AmountCents {
				t.Errorf("%s: %s loan %q amount %d (%s); want %q %d", r.FileName, r.Status, r.LoanID, r.Fields.LoanAmountCents, r.ErrorMessage, loan.LoanID, loan.AmountCents)
			}
		case r.FileName == "bomb.zip":
			if r.ErrorType != pipeline.KindValidation || !strings.Contains(r.ErrorMessage, "ZIP bomb") {
				t.Errorf("bomb: %s %q", r.ErrorType, r.ErrorMessage)
			}
		case r.FileName == "note.txt":
			if r.ErrorType != pipeline.KindValidation || !strings.HasPrefix(r.ErrorMessage, "Plain text file is not a supported format: ") {
				t.Errorf("note: %s %q", r.ErrorType, r.ErrorMessage)
			}
		}
	}
	if !strings.Contains(errb.String(), "3 system files skipped") {
		t.Errorf("stderr does not say that 3 system files were skipped")
	}
	// A bomb inflated in memory would add 400 MB to the application; the
	// worker's peak is OCR and image decoding.
	t.Logf("peak RSS: application %d MB, application or worker %d MB", appPeak>>20, peak>>20)
	if appPeak == 0 || appPeak > 300<<20 || peak > 600<<20 {
		t.Errorf("peak RSS: application %d MB, application or worker %d MB; want under 300 MB and 600 MB", appPeak>>20, peak>>20)
	}
}

// zipFile writes a ZIP archive of the members, in order, streaming each
// one's bytes: a 400 MB member is never in memory.
func zipFile(tb testing.TB, path string, members map[string]io.Reader, order ...string) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.Copy(w, members[name]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
}

// zeros reads n zero bytes.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), z.n)
	clear(p[:k])
	z.n -= k
	return int(k), nil
}
