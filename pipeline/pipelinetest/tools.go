package pipelinetest

import (
	"os"
	"os/exec"
	"testing"
)

// Tool returns the path of a command-line tool a test checks its output
// with, such as qpdf. Without it the test is skipped on a developer's
// machine but fails under CI (CI set), where `make deps` installs the
// Debian package pkg: a check that silently stops running is no check.
func Tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		tb.Fatalf("%s is not installed (Debian package %s; make deps installs it)", name, pkg)
	}
	tb.Skipf("%s is not installed (Debian package %s)", name, pkg)
	return ""
}

// PDFText is the text of a PDF file as pdftotext (poppler-utils) extracts
// it, pages separated by form feeds, in reading order; args choose pages
// (-f 2 -l 2) or a layout (-layout).
func PDFText(tb testing.TB, path string, args ...string) string {
	tb.Helper()
	bin := Tool(tb, "pdftotext", "poppler-utils")
	out, err := exec.Command(bin, append(append(args, "-enc", "UTF-8", path), "-")...).Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}
