package pdftext

// Encodings and glyph names of the Go PDF text reader (PDF 32000-1:2008
// annex D, Adobe Glyph List). The standard encodings share the names of
// codes 32–126; glyphNames is built from the same tables.

// asciiGlyphs names codes 32–126 (WinAnsi's and MacRoman's; Standard
// differs at the quotes).
var asciiGlyphs = [95]string{
	"space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
	"parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
	"at", "A", "B", "C", "D", "E", "F", "G",
	"H", "I", "J", "K", "L", "M", "N", "O",
	"P", "Q", "R", "S", "T", "U", "V", "W",
	"X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
	"grave", "a", "b", "c", "d", "e", "f", "g",
	"h", "i", "j", "k", "l", "m", "n", "o",
	"p", "q", "r", "s", "t", "u", "v", "w",
	"x", "y", "z", "braceleft", "bar", "braceright", "asciitilde",
}

// latin1Glyphs names WinAnsi's codes 0xA0–0xFF, which are Latin-1's.
var latin1Glyphs = [96]string{
	"space", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
	"dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "hyphen", "registered", "macron",
	"degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered",
	"cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
	"Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
	"Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
	"Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
	"Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
	"agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
	"egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
	"eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
	"oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
}

// winAnsiExtra names WinAnsi's codes 0x80–0x9F.
var winAnsiExtra = map[byte]string{
	0x80: "Euro", 0x82: "quotesinglbase", 0x83: "florin", 0x84: "quotedblbase",
	0x85: "ellipsis", 0x86: "dagger", 0x87: "daggerdbl", 0x88: "circumflex",
	0x89: "perthousand", 0x8A: "Scaron", 0x8B: "guilsinglleft", 0x8C: "OE",
	0x8E: "Zcaron", 0x91: "quoteleft", 0x92: "quoteright", 0x93: "quotedblleft",
	0x94: "quotedblright", 0x95: "bullet", 0x96: "endash", 0x97: "emdash",
	0x98: "tilde", 0x99: "trademark", 0x9A: "scaron", 0x9B: "guilsinglright",
	0x9C: "oe", 0x9E: "zcaron", 0x9F: "Ydieresis",
}

// standardHigh names StandardEncoding's codes above 127.
var standardHigh = map[byte]string{
	0xA1: "exclamdown", 0xA2: "cent", 0xA3: "sterling", 0xA4: "fraction",
	0xA5: "yen", 0xA6: "florin", 0xA7: "section", 0xA8: "currency",
	0xA9: "quotesingle", 0xAA: "quotedblleft", 0xAB: "guillemotleft", 0xAC: "guilsinglleft",
	0xAD: "guilsinglright", 0xAE: "fi", 0xAF: "fl", 0xB1: "endash",
	0xB2: "dagger", 0xB3: "daggerdbl", 0xB4: "periodcentered", 0xB6: "paragraph",
	0xB7: "bullet", 0xB8: "quotesinglbase", 0xB9: "quotedblbase", 0xBA: "quotedblright",
	0xBB: "guillemotright", 0xBC: "ellipsis", 0xBD: "perthousand", 0xBF: "questiondown",
	0xC1: "grave", 0xC2: "acute", 0xC3: "circumflex", 0xC4: "tilde",
	0xC5: "macron", 0xC6: "breve", 0xC7: "dotaccent", 0xC8: "dieresis",
	0xCA: "ring", 0xCB: "cedilla", 0xCD: "hungarumlaut", 0xCE: "ogonek",
	0xCF: "caron", 0xD0: "emdash", 0xE1: "AE", 0xE3: "ordfeminine",
	0xE8: "Lslash", 0xE9: "Oslash", 0xEA: "OE", 0xEB: "ordmasculine",
	0xF1: "ae", 0xF5: "dotlessi", 0xF8: "lslash", 0xF9: "oslash",
	0xFA: "oe", 0xFB: "germandbls",
}

// otherGlyphs is the text of glyph names outside ASCII and Latin-1.
var otherGlyphs = map[string]string{
	"Delta":          "\u2206",
	"Euro":           "\u20ac",
	"H18543":         "\u25aa",
	"H18551":         "\u25ab",
	"H22073":         "\u25a1",
	"Lslash":         "\u0141",
	"OE":             "\u0152",
	"Omega":          "\u2126",
	"Scaron":         "\u0160",
	"Ydieresis":      "\u0178",
	"Zcaron":         "\u017d",
	"approxequal":    "\u2248",
	"breve":          "\u02d8",
	"bullet":         "\u2022",
	"caron":          "\u02c7",
	"checkmark":      "\u2713",
	"circle":         "\u25cb",
	"circumflex":     "\u02c6",
	"dagger":         "\u2020",
	"daggerdbl":      "\u2021",
	"dotaccent":      "\u02d9",
	"dotlessi":       "\u0131",
	"ellipsis":       "\u2026",
	"emdash":         "\u2014",
	"endash":         "\u2013",
	"ff":             "ff",
	"ffi":            "ffi",
	"ffl":            "ffl",
	"fi":             "fi",
	"filledbox":      "\u25a0",
	"fl":             "fl",
	"florin":         "\u0192",
	"fraction":       "\u2044",
	"greaterequal":   "\u2265",
	"guilsinglleft":  "\u2039",
	"guilsinglright": "\u203a",
	"hungarumlaut":   "\u02dd",
	"infinity":       "\u221e",
	"lessequal":      "\u2264",
	"lslash":         "\u0142",
	"middot":         "\u00b7",
	"minus":          "\u2212",
	"nbspace":        "\u00a0",
	"notequal":       "\u2260",
	"oe":             "\u0153",
	"ogonek":         "\u02db",
	"perthousand":    "\u2030",
	"quotedblbase":   "\u201e",
	"quotedblleft":   "\u201c",
	"quotedblright":  "\u201d",
	"quoteleft":      "\u2018",
	"quoteright":     "\u2019",
	"quotesinglbase": "\u201a",
	"ring":           "\u02da",
	"scaron":         "\u0161",
	"sfthyphen":      "\u00ad",
	"square":         "\u25a1",
	"tilde":          "\u02dc",
	"trademark":      "\u2122",
	"zcaron":         "\u017e",
}

// glyphNames maps glyph names to their text; single letters map to
// themselves.
var glyphNames = func() map[string]string {
	m := make(map[string]string, len(asciiGlyphs)+len(latin1Glyphs)+len(otherGlyphs))
	for i, n := range latin1Glyphs {
		m[n] = string(rune(0xA0 + i))
	}
	for i, n := range asciiGlyphs { // "space" and "hyphen" are ASCII's, not Latin-1's
		m[n] = string(rune(32 + i))
	}
	for n, t := range otherGlyphs {
		m[n] = t
	}
	return m
}()

// setEncoding fills enc from a named base encoding; false for one the Go
// reader does not know. MacRomanEncoding covers ASCII only: codes above it
// stay unknown, and PDFium reads such a document.
func setEncoding(enc *[256]string, name string) bool {
	switch name {
	case "WinAnsiEncoding", "StandardEncoding", "MacRomanEncoding":
	default:
		return false
	}
	for i, n := range asciiGlyphs {
		enc[32+i] = n
	}
	switch name {
	case "WinAnsiEncoding":
		for c, n := range winAnsiExtra {
			enc[c] = n
		}
		for i, n := range latin1Glyphs {
			enc[0xA0+i] = n
		}
	case "StandardEncoding":
		enc['\''], enc['`'] = "quoteright", "quoteleft"
		for c, n := range standardHigh {
			enc[c] = n
		}
	}
	return true
}
