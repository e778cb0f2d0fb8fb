package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OCR misreads a letter or two of a label as readily as of a value ("Total
// Lean Amount", "Date Isued", "Chasing Casts"), and a label read wrong
// loses its value. A cell of an OCR page that is no label is read again
// with each word close to a word of the field table's labels taken as
// that word; the cell takes the mended text only when the whole of it is
// then a label, so names and values are never changed.

// labelVocabulary is every word of three letters or more in the field
// table's label patterns (set by init).
var labelVocabulary = map[string]bool{}

var (
	patternWordRe = regexp.MustCompile(`[a-z]{3,}`)
	// pluralWordRe is a pattern's word with an optional plural ("applicant(s)").
	pluralWordRe = regexp.MustCompile(`([a-z]{3,})\(\?:\\\(s\\\)\|s\)\?`)
)

func init() {
	for _, r := range fieldTable { // allLabels is not set yet: init runs by file name
		for _, re := range r.labels {
			for _, w := range patternWordRe.FindAllString(re.String(), -1) {
				labelVocabulary[w] = true
			}
			for _, m := range pluralWordRe.FindAllStringSubmatch(re.String(), -1) {
				labelVocabulary[m[1]+"s"] = true
			}
		}
	}
}

// maxLabelCellWords is the most words a cell mended as a label may have.
const maxLabelCellWords = 5

// mendLabel returns an OCR cell's text with its words mended to the label
// words they are one letter from (two for words of seven letters or more,
// the first letter always kept), when that makes the cell, or the words
// before a figure run into it ("Loaf Number 998813512"), a label; else the
// text as it is.
func mendLabel(text string) string {
	// OCR's colon for a space ("Amount of:Loan:") or for an abbreviation's
	// stop ("Int: Rate").
	for _, fix := range []func(string) string{
		func(t string) string { return midColonRe.ReplaceAllString(t, "$1 $2") },
		func(t string) string { return abbrColonRe.ReplaceAllString(t, "$1. $2") },
	} {
		if fixed := fix(text); fixed != text {
			if mended := mendLabel(fixed); mended != fixed || isLabelText(labelPart(fixed)) {
				return mended
			}
		}
	}
	words := strings.Fields(text)
	n := figureStart(words)
	if n == 0 || n > maxLabelCellWords {
		return text
	}
	changed := false
	for i, w := range words[:n] {
		if strings.HasSuffix(w, ")") && !strings.Contains(w, "(") {
			words[i], changed = strings.TrimSuffix(w, ")"), true // "Applicants)": what OCR left of "(s)"
		}
	}
	if isLabelText(strings.Join(words[:n], " ")) {
		if changed {
			return strings.Join(words, " ")
		}
		return text
	}
	for i, w := range words[:n] {
		core := strings.TrimRightFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		lower := strings.ToLower(core)
		if short := utf8.RuneCountInString(lower); short < 3 || short == 3 && n < 2 || labelVocabulary[lower] || !isLetters(lower) {
			continue // a word of three letters is mended only beside another ("Loan Ant:")
		}
		near := nearLabelWords(lower)
		if len(near) > 1 {
			// Several label words are as near ("ant": "amt", "and"): the one
			// that makes the words a label, if only one does.
			var fit []string
			for _, m := range near {
				try := slices.Clone(words[:n])
				try[i] = sameCase(m, core) + w[len(core):]
				if isLabelText(strings.Join(try, " ")) {
					fit = append(fit, m)
				}
			}
			near = fit
		}
		if len(near) == 1 {
			words[i] = sameCase(near[0], core) + w[len(core):]
			changed = true
		}
	}
	if !changed || !isLabelText(strings.Join(words[:n], " ")) {
		return text
	}
	return strings.Join(words, " ")
}

// midColonRe is a colon between two letters, abbrColonRe one after a
// short word and before another word.
var (
	midColonRe  = regexp.MustCompile(`(\pL):(\pL)`)
	abbrColonRe = regexp.MustCompile(`^(\pL{2,4}): (\pL)`)
)

// labelPart is the words of a cell before its first figure.
func labelPart(text string) string {
	words := strings.Fields(text)
	return strings.Join(words[:figureStart(words)], " ")
}

// figureStart is the index of the first word with a figure or a dollar
// sign in it, len(words) for none.
func figureStart(words []string) int {
	if n := slices.IndexFunc(words, func(w string) bool { return strings.ContainsAny(w, "$0123456789") }); n >= 0 {
		return n
	}
	return len(words)
}

// nearLabelWords are the label words within reach of w (see mendLabel),
// the nearest of them.
func nearLabelWords(w string) []string {
	reach := 1
	if utf8.RuneCountInString(w) >= 7 {
		reach = 2
	}
	var found []string
	for v := range labelVocabulary {
		if v[0] != w[0] {
			continue
		}
		if d := len(v) - len(w); d > reach || -d > reach {
			continue
		}
		switch d := editDistance(w, v); {
		case d < reach:
			reach, found = d, []string{v} // the nearest words only ("borowers": "borrowers", not "borrower")
		case d == reach:
			found = append(found, v)
		}
	}
	return found
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// sameCase writes word w in the case of like: capitals, a capital first,
// or small letters.
func sameCase(w, like string) string {
	switch {
	case isAllCaps(like):
		return strings.ToUpper(w)
	case unicode.IsUpper([]rune(like)[0]):
		return strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}
