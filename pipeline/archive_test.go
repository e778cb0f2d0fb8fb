package pipeline_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// member is one file of a ZIP archive made for a test.
type member struct {
	name string
	data []byte
}

// writeZIP writes an archive of members, deflated, to a file in dir.
func writeZIP(tb testing.TB, dir, name string, members ...member) string {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestRunnerZIPArchive: each document of an archive is a row named after
// the archive, in archive order, its folders and an archive inside it
// included; member names stay display text; system clutter is left out;
// the members are kept, so a retry works once the archive is gone.
func TestRunnerZIPArchive(t *testing.T) {
	s := newSetup(t, pipeline.Options{})
	loans := pipelinetest.SampleLoans()
	dir := t.TempDir()
	inner := writeZIP(t, t.TempDir(), "inner.zip", member{"c.pdf", textPDF(loans[2])})
	innerData, err := os.ReadFile(inner)
	if err != nil {
		t.Fatal(err)
	}
	archive := writeZIP(t, dir, "docs.zip",
		member{"b-estimate.pdf", textPDF(loans[1])},
		member{"scans/a-estimate.pdf", textPDF(loans[0])},
		member{"__MACOSX/scans/._a-estimate.pdf", []byte("\x00\x05\x16\x07")},
		member{".DS_Store", []byte("Bud1")},
		member{"../../etc/passwd", []byte("root:x:0:0:root:/root:/bin/bash\n")},
		member{"more/inner.zip", innerData},
	)
	after := filepath.Join(dir, "z-after.pdf")
	if err := os.WriteFile(after, textPDF(loans[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := s.runner.ProcessPaths(context.Background(), []string{archive, after})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name   string
		status pipeline.DocStatus
		loanID string
	}{
		{"docs.zip/b-estimate.pdf", pipeline.DocSuccess, loans[1].LoanID},
		{"docs.zip/scans/a-estimate.pdf", pipeline.DocSuccess, loans[0].LoanID},
		{"docs.zip/../../etc/passwd", pipeline.DocFailed, ""},
		{"docs.zip/more/inner.zip/c.pdf", pipeline.DocSuccess, loans[2].LoanID},
		{"z-after.pdf", pipeline.DocSuccess, loans[0].LoanID},
	}
	if len(sum.Results) != len(want) {
		var names []string
		for _, r := range sum.Results {
			names = append(names, r.FileName)
		}
		t.Fatalf("results %q; want %d", names, len(want))
	}
	for i, w := range want {
		r := sum.Results[i]
		if r.FileName != w.name || r.Status != w.status || r.LoanID != w.loanID {
			t.Errorf("result %d = %q %s loan %q (%s); want %q %s loan %q", i, r.FileName, r.Status, r.LoanID, r.ErrorMessage, w.name, w.status, w.loanID)
		}
	}
	if r := sum.Results[2]; r.ErrorType != pipeline.KindValidation || !strings.HasPrefix(r.ErrorMessage, "Plain text file is not a supported format") {
		t.Errorf("passwd member: %s %q", r.ErrorType, r.ErrorMessage)
	}
	if r := sum.Results[1]; r.Fields.LoanAmountCents != loans[0].AmountCents {
		t.Errorf("member read amount %d; want %d", r.Fields.LoanAmountCents, loans[0].AmountCents)
	}
	// Nothing but the database, the logs and the objects folder was written.
	filepath.WalkDir(s.db.Dir(), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(p, "passwd") {
			t.Errorf("%s written", p)
		}
		return nil
	})
	if _, err := os.Stat(filepath.Join(s.db.Dir(), "..", "etc")); err == nil {
		t.Errorf("a folder was made outside the data folder")
	}

	if err := os.Remove(archive); err != nil {
		t.Fatal(err)
	}
	retry, err := s.runner.Retry(context.Background(), sum.JobID)
	if err != nil {
		t.Fatal(err)
	}
	if len(retry.Results) != 1 || retry.Results[0].FileName != "docs.zip/../../etc/passwd" || retry.Results[0].ErrorType != pipeline.KindValidation {
		t.Errorf("retry after the archive is gone: %+v", retry.Results)
	}
}

// TestRunnerZIPLimits: an archive that is damaged, empty, or would unpack
// past the limits fails as one row saying so, and the job goes on.
func TestRunnerZIPLimits(t *testing.T) {
	limits := pipeline.Limits{MaxBytes: 64 << 10} // an archive may unpack to 320 KB
	s := newSetup(t, pipeline.Options{Limits: limits})
	dir := t.TempDir()
	noise := func(n int, seed byte) []byte { // hardly compressible
		b := make([]byte, n)
		x := uint32(seed) + 1
		for i := range b {
			x = x*1664525 + 1013904223
			b[i] = byte(x >> 24)
		}
		return b
	}
	var many []member
	for i := range 1001 {
		many = append(many, member{name: strings.Repeat("d", i%7) + "/" + string(rune('a'+i%26)) + ".pdf", data: []byte("x")})
	}
	var six []member
	for i := range 6 {
		six = append(six, member{name: string(rune('a'+i)) + ".pdf", data: bytes.Repeat(noise(600, byte(i)), 100)})
	}
	nested := writeZIP(t, t.TempDir(), "in.zip", six...)
	nestedData, _ := os.ReadFile(nested)
	zeros := make([]byte, 8<<20)
	tests := []struct {
		name, file string
		msg        string
	}{
		{"too much in all", writeZIP(t, dir, "six.zip", six...), "would unpack to 0.3 MB, more than the 0.3 MB allowed (it may be a ZIP bomb)"},
		{"too large itself", writeZIP(t, dir, "noise.zip", member{"a.pdf", noise(400<<10, 1)}), "ZIP archive is 0.4 MB, more than the 0.3 MB allowed"},
		{"too compressed", writeZIP(t, dir, "zeros.zip", member{"zeros.pdf", zeros}), "compresses zeros.pdf more than 1000 to 1"},
		{"too many files", writeZIP(t, dir, "many.zip", many...), "holds 1001 files, more than the 1000 allowed"},
		{"a bomb inside", writeZIP(t, dir, "outer.zip", member{"ok.pdf", []byte("%PDF-1.4")}, member{"in.zip", nestedData}), "(it may be a ZIP bomb)"},
		{"empty", writeZIP(t, dir, "empty.zip"), "ZIP archive holds no documents"},
		{"damaged", func() string {
			p := writeZIP(t, dir, "cut.zip", member{"a.pdf", noise(1000, 9)})
			data, _ := os.ReadFile(p)
			os.WriteFile(p, data[:len(data)-30], 0o644)
			return p
		}(), "ZIP archive is damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, err := s.runner.ProcessPaths(context.Background(), []string{tt.file})
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Results) != 1 {
				t.Fatalf("%d results; want the archive's one", len(sum.Results))
			}
			r := sum.Results[0]
			if r.FileName != filepath.Base(tt.file) || r.ErrorType != pipeline.KindValidation || !strings.Contains(r.ErrorMessage, tt.msg) {
				t.Errorf("%q %s %q; want a validation error containing %q", r.FileName, r.ErrorType, r.ErrorMessage, tt.msg)
			}
		})
	}
}
