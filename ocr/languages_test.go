package ocr

import (
	"strings"
	"testing"
)

func TestReadingLanguages(t *testing.T) {
	got := ReadingLanguages([]string{"osd", "spa", "eng", "equ", "xyz"})
	want := []string{"English (eng)", "Spanish (spa)", "xyz"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("ReadingLanguages = %q; want %q", got, want)
	}
	for _, l := range want {
		if code := LanguageCode(l); LanguageLabel(code) != l {
			t.Errorf("%q reads back as %q", l, code)
		}
	}
}
