//go:build !windows

package main_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// A folder with a named pipe, a socket and a link to a file outside it
// completes: each special file is a validation_error row, nothing blocks,
// and neither the link's target nor anything else but the real document
// is stored.
func TestFolderWithSpecialFiles(t *testing.T) {
	data, in, outside := t.TempDir(), t.TempDir(), t.TempDir()
	loan := pipelinetest.SampleLoans()[0]
	good := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	write(t, in, "a-good.pdf", good)
	secret := write(t, outside, "secret.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()}))
	if err := os.Symlink(secret, filepath.Join(in, "b-link.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(in, "c-pipe.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	sock, err := net.Listen("unix", filepath.Join(in, "d-socket.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	defer sock.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "process", "--json", "--data", data, in)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatal("the job blocked on a special file")
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	var sum pipeline.Summary
	if err := json.Unmarshal(out, &sum); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"b-link.pdf": "link", "c-pipe.pdf": "named pipe", "d-socket.pdf": "socket"}
	for _, r := range sum.Results {
		if r.FileName == "a-good.pdf" {
			if r.Status != pipeline.DocSuccess {
				t.Errorf("a-good.pdf: %s %q", r.Status, r.ErrorMessage)
			}
			continue
		}
		if r.ErrorType != pipeline.KindValidation || r.SHA256 != "" || !strings.Contains(r.ErrorMessage, want[r.FileName]) {
			t.Errorf("%s: %s %s %q sha %q", r.FileName, r.Status, r.ErrorType, r.ErrorMessage, r.SHA256)
		}
		delete(want, r.FileName)
	}
	if len(sum.Results) != 4 || len(want) != 0 {
		t.Errorf("%d results; missing %v", len(sum.Results), want)
	}
	sum256 := sha256.Sum256(good)
	var stored []string
	filepath.WalkDir(filepath.Join(data, "objects"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			stored = append(stored, d.Name())
		}
		return nil
	})
	if len(stored) != 1 || stored[0] != hex.EncodeToString(sum256[:]) {
		t.Errorf("objects folder holds %v, want only the good document", stored)
	}
}

// File names with escape sequences (screen clear, window title, clipboard
// write), a newline that forges a progress line and bidi overrides reach
// neither the progress lines on stderr nor the table on stdout raw.
func TestHostileNamesReachNoTerminal(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})
	names := []string{
		"\x1b[2J\x1b]0;pwned\x07clear.pdf",
		"x\n[9∕12] forged.pdf: success\r\n.pdf",
		"\x1b]52;c;aGk=\x07clip.pdf",
		"invoice\u202efdp.pdf",
	}
	var paths []string
	for _, n := range names {
		paths = append(paths, write(t, in, n, pdf))
	}
	paths = append(paths, write(t, in, "\x1b[31mred\x9b.gif", []byte("GIF89a"))) // fails: its name is in the error line
	r := runCLI(t, append([]string{"process", "--data", data}, paths...)...)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for stream, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if i := strings.IndexAny(out, "\x1b\x07\r\u009b\u202e"); i >= 0 || !utf8.ValidString(out) {
			t.Errorf("%s carries a control, bidi override or invalid byte raw (at %d):\n%s", stream, i, out)
		}
	}
	progress := 0
	for _, line := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(line, "[") {
			progress++
		}
	}
	if progress != len(paths) {
		t.Errorf("%d progress lines for %d documents:\n%s", progress, len(paths), r.stderr)
	}
	if !strings.Contains(r.stdout, "␛]52;c;aGk=␇clip.pdf") {
		t.Errorf("the table does not show the odd name visibly:\n%s", r.stdout)
	}
}

// Every hostile construction of issue 14, generated fresh, in one job of
// the real application: each ends in a success or a clean document error,
// and the application's own process (the worker aside) stays far below
// 1 GB at its peak.
func TestHostilePDFsInOneJob(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode: the worker reads a dozen hostile PDFs with PDFium (a minute or two); make test runs it")
	}
	data, in := t.TempDir(), t.TempDir()
	var paths []string
	for _, h := range pipelinetest.HostilePDFs() {
		paths = append(paths, write(t, in, h.Name+".pdf", h.Make()))
	}
	cmd := exec.Command(binary, append([]string{"process", "--json", "--data", data}, paths...)...)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := waitMeasuringPeak(cmd)
	var sum pipeline.Summary
	if err := json.Unmarshal([]byte(out.String()), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, r := range sum.Results {
		t.Logf("%-32s %s %s %s", r.FileName, r.Status, r.ErrorType, r.ErrorMessage)
		if r.Status != pipeline.DocSuccess && r.ErrorType != pipeline.KindProcessing && r.ErrorType != pipeline.KindValidation {
			t.Errorf("%s: %s %s %q", r.FileName, r.Status, r.ErrorType, r.ErrorMessage)
		}
	}
	t.Logf("application peak RSS %d MB", peak>>20)
	if len(sum.Results) != len(paths) || peak > 1<<30 || peak == 0 {
		t.Errorf("%d results for %d files, peak RSS %d MB", len(sum.Results), len(paths), peak>>20)
	}
}

// waitMeasuringPeak waits for a started command, polling the VmHWM (peak
// resident memory) of its own process, which it returns, until it ends.
func waitMeasuringPeak(cmd *exec.Cmd) int64 {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	for {
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					var kb int64
					fmt.Sscan(rest, &kb)
					peak = max(peak, kb<<10)
				}
			}
		}
		select {
		case <-done:
			return peak
		case <-time.After(20 * time.Millisecond):
		}
	}
}
