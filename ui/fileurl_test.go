package ui

import (
	"runtime"
	"testing"
)

func TestFileURL(t *testing.T) {
	cases := map[string]string{"/tmp/loan docs/a.pdf": "file:///tmp/loan%20docs/a.pdf"}
	if runtime.GOOS == "windows" {
		cases = map[string]string{
			`C:\Users\me\loan docs\a.pdf`: "file:///C:/Users/me/loan%20docs/a.pdf",
			`\\server\share\a.pdf`:        "file:////server/share/a.pdf",
		}
	}
	for path, want := range cases {
		if got := fileURL(path).String(); got != want {
			t.Errorf("fileURL(%q) = %q; want %q", path, got, want)
		}
	}
}
