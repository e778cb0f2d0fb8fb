package extract

import (
	"regexp"
	"strings"
)

// logoMark tells whether the first word of a letterhead's company name is a
// logo that OCR read as a lone letter or mark ("Q Bluestem Lending Group"):
// one character that is not the article "A".
func logoMark(w string) bool {
	r := []rune(w)
	return len(r) == 1 && r[0] != 'A' && r[0] != '&'
}

// logoBefore reports whether a name's first word is a logo read as letters
// before a name in capitals ("Qo IRONWOOD MORTGAGE COMPANY"): one or two
// letters, not in capitals themselves.
func logoBefore(words []string) bool {
	if len(words) < 3 || !isAllCaps(strings.Join(words[1:], " ")) {
		return false
	}
	r := []rune(words[0])
	return len(r) <= 2 && !isAllCaps(words[0])
}

// ocrPlaceRe is the street type "Pl" read by OCR with a capital I ("704
// Timber PI."), which is no street type.
var ocrPlaceRe = regexp.MustCompile(`(\s)PI(\.?)(,|\s|$)`)

// ocrTrailRe and ocrBlvdRe are "Trl" and "Blvd" with their l read as i.
var (
	ocrTrailRe = regexp.MustCompile(`(\s)Tri(\.?)(,|\s|$)`)
	ocrBlvdRe  = regexp.MustCompile(`(\s)Bivd(\.?)(,|\s|$)`)
	// ocrRoadRe is "Rd" with a speck read as an a ("Red Fox Rad,").
	ocrRoadRe = regexp.MustCompile(`(\s)Rad(\.?)(,|\s|$)`)
	// ocrPlaceFRe is "Pl" read as "Fl" where a street type ends the street
	// ("3666 Chestnut Fl, Providence"): a floor ("Fl 5") has its number.
	ocrPlaceFRe = regexp.MustCompile(`(\s)Fl(\.?)(,|$)`)
)

// ocrPlaceLRe is a lone P ending a street: "Pl" with its l lost ("2747
// Brookside P, Reno"), as no street type is P.
var ocrPlaceLRe = regexp.MustCompile(`\sP(\.?(?:,|$))`)

// placeLostL mends a street's "Pl" that lost its l; a unit's letter ("Apt
// P") stays.
func placeLostL(s string) string {
	loc := ocrPlaceLRe.FindStringSubmatchIndex(s)
	if loc == nil || unitWordRe.MatchString(strings.TrimSpace(s[:loc[0]])) {
		return s
	}
	return s[:loc[0]] + " Pl" + s[loc[2]:]
}

// ocrStopRe is a full stop OCR read for the comma after a street type
// spelled out ("62 Dalton Lane. Nashville"), or doubled after an
// abbreviated one ("Maple St.. Wilmington").
var (
	ocrStopRe   = regexp.MustCompile(`(?i)\b(Street|Avenue|Road|Drive|Lane|Court|Place|Way|Circle|Boulevard|Terrace|Trail|Parkway|Highway)\.(\s)`)
	doubleDotRe = regexp.MustCompile(`\.\.(\s)`)
)

// stateStopRe is a speck read as a full stop between a state's code and
// its ZIP code ("Springfield, IL. 62706").
var stateStopRe = regexp.MustCompile(`\b(\p{Lu}{2})\.(\s+\d{5})\b`)

// gluedStopRe is a speck read as a full stop between a street's name and
// its type ("8991 Bramble.Pkwy"): a name is no abbreviation; or the space
// between them lost ("11815 S VistaLn").
var gluedStopRe = regexp.MustCompile(`\b(\p{Lu}\p{Ll}{2,})\.?(St|Ave|Rd|Dr|Ln|Ct|Pl|Cir|Blvd|Ter|Trl|Pkwy|Hwy|Way|Loop|Run|Sq|Street|Avenue|Road|Drive|Lane|Court|Place|Circle|Boulevard|Terrace|Trail|Parkway|Highway)\b`)

// fixOCRStreetType reads "PI" after a street name as "Pl" (Place), and
// mends the stops OCR reads for commas or reads from specks.
func fixOCRStreetType(s string) string {
	s = gluedStopRe.ReplaceAllString(s, "$1 $2")
	s = ocrPlaceRe.ReplaceAllString(s, "${1}Pl${2}${3}")
	s = ocrTrailRe.ReplaceAllString(s, "${1}Trl${2}${3}")
	s = ocrBlvdRe.ReplaceAllString(s, "${1}Blvd${2}${3}")
	s = ocrRoadRe.ReplaceAllString(s, "${1}Rd${2}${3}")
	s = ocrPlaceFRe.ReplaceAllString(s, "${1}Pl${2}${3}")
	s = placeLostL(s)
	s = ocrStopRe.ReplaceAllString(s, "$1,$2")
	return doubleDotRe.ReplaceAllString(s, ".,$1")
}

var (
	// ocrNARe is "N.A." (National Association) after a bank's name as OCR
	// reads its stops ("N:A-", "N,A.") or as "NA".
	ocrNARe = regexp.MustCompile(`,?\s+N[.:,]?\s?A[.:,-]?$`)
	// ocrIncRe is a company's closing "Inc." with its c read as e.
	ocrIncRe = regexp.MustCompile(`(,?\s)Ine\.?$`)
	// gluedInitialRe is a middle initial run into the surname
	// ("Caleb P.Kowalski").
	gluedInitialRe = regexp.MustCompile(`\b(\p{Lu})\.(\p{Lu}\p{Ll})`)
)

// ocrCapitalIRe is a word of a name that begins with a small l before a
// consonant: no English word or name does, it is a capital I that OCR read
// as l ("lronwood Federal Credit Union", "lsabel Ortiz").
var ocrCapitalIRe = regexp.MustCompile(`(^|\s)l([bcdfghjkmnpqrstvwxz]\p{Ll})`)

// gluedQuoteRe is a speck read as a quote between two words of a name
// ("Federal‘Credit"); an apostrophe after a capital ("O'Neil") is a name's.
var gluedQuoteRe = regexp.MustCompile("(\\p{Ll})[‘’'`](\\p{Lu})")

// ocrCreditUnionRe is "Credit Union" with a speck read as a comma or stop
// between its words.
var ocrCreditUnionRe = regexp.MustCompile(`(?i)\b(credit)[,.]\s*(union)\b`)

// ocrBracketLRe is a small l at the end of a word that OCR read as a
// bracket or an exclamation mark ("Monica Pear] Tanaka", "Mountain Laure!
// Federal Credit Union"): no name has either.
var ocrBracketLRe = regexp.MustCompile(`(\p{Ll})[\]!]`)

// ocrRomanRe is a generational suffix with its capital I read as a small
// l ("Ethan S. Schaefer Ill").
var ocrRomanRe = regexp.MustCompile(`\s(?:I[Il]l|Il[Il]|lII|Il)$`)

// repairOCRName mends what OCR and tight typesetting do to names: a glued
// middle initial, a capital I read as l, and a bank's "N.A." read with
// other marks.
func repairOCRName(s string, company bool) string {
	s = gluedInitialRe.ReplaceAllString(s, "$1. $2")
	s = ocrCapitalIRe.ReplaceAllString(s, "${1}I$2")
	s = ocrBracketLRe.ReplaceAllString(s, "${1}l")
	if !company {
		s = ocrRomanRe.ReplaceAllStringFunc(s, func(m string) string { return " " + strings.Repeat("I", len(m)-1) })
	}
	if company {
		s = ocrIncRe.ReplaceAllString(s, "${1}Inc.")
		s = gluedQuoteRe.ReplaceAllString(s, "$1 $2")
		s = ocrCreditUnionRe.ReplaceAllString(s, "${1} ${2}")
	}
	if company && ocrNARe.MatchString(s) && len(strings.Fields(s)) >= 3 {
		s = ocrNARe.ReplaceAllString(s, ", N.A.")
	}
	return s
}

// unitTailRe is a unit number after a street line that ends in its unit
// word ("20038 Jefferson Pkwy. Unit" + " 11").
var (
	unitWordRe = regexp.MustCompile(`(?i)\b(?:unit|apt\.?|suite|ste\.?|#)$`)
	unitTailRe = regexp.MustCompile(`^\s*#?\s*[A-Za-z0-9-]{1,6}\b`)
)

// withUnitNumber extends a street m found at the start of s with the unit
// number that follows its unit word.
func withUnitNumber(s, m string) string {
	if !unitWordRe.MatchString(m) || !strings.HasPrefix(s, m) {
		return m
	}
	if tail := unitTailRe.FindString(s[len(m):]); tail != "" && strings.ContainsAny(tail, "0123456789") {
		return m + tail
	}
	return m
}
