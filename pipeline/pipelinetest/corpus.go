package pipelinetest

import (
	"os"
	"path/filepath"
	"testing"
)

// CorpusDir returns the shared test corpus (../shared/corpus beside the
// repository, or $LOANBATCH_CORPUS). When it is absent the test is skipped
// with a message saying so.
func CorpusDir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("LOANBATCH_CORPUS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("shared corpus not found: no go.mod above the test")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(corpus, "truth.json")); err != nil {
		tb.Skipf("SKIPPED: shared corpus absent (%s); set LOANBATCH_CORPUS to run this test", corpus)
	}
	return corpus
}
