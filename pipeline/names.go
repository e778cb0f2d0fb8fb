package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names of files, and text read from documents, are untrusted: a file may
// be named with escape sequences that clear a terminal, set its title or
// write the clipboard, with a newline that forges a progress line, or with
// bidi controls that show "fdp.exe" as "exe.pdf". SafeText is the one
// sanitizer for such text and SafeName builds on it; both replace what
// they neutralise with something visible, so that a person sees that the
// name was odd.

// SafeText returns s with every control character, bidi control and
// invalid byte replaced by a visible stand-in: C0 controls (ESC, BEL, CR,
// LF, tab) and DEL by their Unicode control pictures (␛ ␇ ␍ ␊ ␉ ␡), C1
// controls, bidi embeddings, overrides, isolates and marks and invalid
// UTF-8 by U+FFFD. Printable text, all scripts included, is kept.
func SafeText(s string) string {
	if isSafeText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		b.WriteRune(safeRune(r, size))
	}
	return b.String()
}

func isSafeText(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if safeRune(r, size) != r || size == 1 && r == utf8.RuneError {
			return false
		}
	}
	return true
}

// safeRune is r's visible stand-in, or r itself when it is harmless.
func safeRune(r rune, size int) rune {
	switch {
	case r == utf8.RuneError && size <= 1:
		return unicode.ReplacementChar
	case r < 0x20:
		return 0x2400 + r // ␀ … ␟
	case r == 0x7f:
		return 0x2421 // ␡
	case r >= 0x80 && r < 0xa0, unicode.Is(unicode.Bidi_Control, r),
		r == 0x2028 || r == 0x2029: // line and paragraph separators
		return unicode.ReplacementChar
	}
	return r
}

// SafeName turns an untrusted file name into display text: the last path
// element, made safe by SafeText, without surrounding spaces, at most 255
// characters; "unnamed document" when nothing is left.
func SafeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(SafeText(name))
	if r := []rune(name); len(r) > 255 {
		name = string(r[:255])
	}
	if name == "" || name == "." || name == ".." {
		name = "unnamed document"
	}
	return name
}
