package extract

import (
	"regexp"
	"strings"
	"unicode"

	"loanbatch/pipeline"
)

// OCR misreads one letter of a name as readily as of a label: "Tronwood
// Home Lending" under a letterhead that reads "Ironwood Home Lending",
// "Pinecrest Home Tending" on a scanned page of a PDF whose first page
// prints "Pinecrest Home Lending". A name's word that the document also
// reads one letter apart (its twin) is settled by what prints it better: a
// text layer over OCR, a word of a lender's name over one that is no such
// word, the reading the document repeats more often. When nothing tells
// the two apart the name is not given: a wrong name files a document under
// another loan.

// minTwinLetters is the shortest word checked for a twin: shorter names
// ("Mason", "Jason") are too often two people's.
const minTwinLetters = 6

var twinWordRe = regexp.MustCompile(`\pL+`)

// wordReadings counts, lower-cased, the words of a document's pages, and
// those a text layer prints. A word in capitals ("REISTONE" in a fax's
// banner) is another rendering of a name than one in small letters
// ("Redstone" in the letterhead), read with other errors: the two are
// counted apart, and a name's word meets only twins written as it is.
type wordReadings struct {
	all, printed map[string]int
}

func readingsOf(pages []pipeline.PageText) wordReadings {
	r := wordReadings{all: map[string]int{}, printed: map[string]int{}}
	for _, p := range pages {
		for _, w := range twinWordRe.FindAllString(p.Text, -1) {
			w = renderingKey(w)
			r.all[w]++
			if p.Source != pipeline.SourceOCR {
				r.printed[w]++
			}
		}
	}
	return r
}

// renderingKey is w in small letters, marked when written in capitals.
func renderingKey(w string) string {
	if strings.ToUpper(w) == w {
		return "^" + strings.ToLower(w)
	}
	return strings.ToLower(w)
}

// settleTwins mends or drops the borrower's and the lender's names by their
// words' twins (see the top of this file).
func settleTwins(pages []pipeline.PageText, found map[string]hit) {
	words := readingsOf(pages)
	for _, name := range []string{pipeline.FieldBorrower, pipeline.FieldLender} {
		h, ok := found[name]
		if !ok {
			continue
		}
		v, ok := h.value.(string)
		if !ok {
			continue
		}
		mended, ok := words.settle(v, name == pipeline.FieldLender)
		if !ok {
			delete(found, name)
			continue
		}
		h.value = mended
		found[name] = h
	}
}

// settle returns name with each word that has a better-printed twin
// replaced by it; false when a word and its twin are as good.
func (r wordReadings) settle(name string, company bool) (string, bool) {
	out := strings.Fields(name)
	for i, word := range out {
		w := renderingKey(strings.Trim(word, ".,"))
		if len([]rune(w)) < minTwinLetters || !isLetters(strings.TrimPrefix(w, "^")) || r.all[w] == 0 {
			continue // a word mended from what OCR read ("lronwood"): its reading is known bad
		}
		for t := range r.all {
			if !pipeline.OneApart(w, t) {
				continue
			}
			switch r.compare(w, t, company) {
			case 1: // the word itself is the better reading
			case -1:
				out[i] = strings.Replace(word, strings.Trim(word, ".,"), caseLike(strings.TrimPrefix(t, "^"), strings.Trim(word, ".,")), 1)
			default:
				return "", false
			}
		}
	}
	return strings.Join(out, " "), true
}

// compare tells which of w and its twin t is the better reading: 1 for w,
// -1 for t, 0 when nothing tells.
func (r wordReadings) compare(w, t string, company bool) int {
	switch {
	case (r.printed[w] > 0) != (r.printed[t] > 0):
		return boolSign(r.printed[w] > 0)
	case company && orgVocabulary(w) != orgVocabulary(t):
		return boolSign(orgVocabulary(w))
	case r.all[t] >= 2*r.all[w]:
		return -1
	case r.all[w] >= 2*r.all[t]:
		return 1
	case r.all[w] == 1 && r.all[t] == 1:
		return 0
	}
	// Read as often, or nearly: a header in capitals that OCR misreads
	// the same way each time ("BRISGEWATER" three times beside
	// "Bridgewater" twice) outvotes nothing.
	return 1
}

func boolSign(b bool) int {
	if b {
		return 1
	}
	return -1
}

// orgVocabulary reports whether w is a word of lenders' names ("lending",
// "mortgage", "financial").
func orgVocabulary(w string) bool {
	w = strings.TrimPrefix(w, "^")
	return genericOrgWords[w] || orgWordRe.MatchString(w)
}

// caseLike writes the lower-case word t as like is written: capitals,
// a capital first, or small letters.
func caseLike(t, like string) string {
	switch {
	case strings.ToUpper(like) == like:
		return strings.ToUpper(t)
	case unicode.IsUpper([]rune(like)[0]):
		return strings.ToUpper(t[:1]) + t[1:]
	}
	return t
}
