package pipeline

import "regexp"

// logoMark tells whether the first word of a letterhead's company name is a
// logo that OCR read as a lone letter or mark ("Q Bluestem Lending Group"):
// one character that is not the article "A".
func logoMark(w string) bool {
	r := []rune(w)
	return len(r) == 1 && r[0] != 'A' && r[0] != '&'
}

// ocrPlaceRe is the street type "Pl" read by OCR with a capital I ("704
// Timber PI."), which is no street type.
var ocrPlaceRe = regexp.MustCompile(`(\s)PI(\.?)(,|\s|$)`)

// fixOCRStreetType reads "PI" after a street name as "Pl" (Place).
func fixOCRStreetType(s string) string {
	return ocrPlaceRe.ReplaceAllString(s, "${1}Pl${2}${3}")
}
