package pipeline

import (
	"regexp"
	"strings"
)

// ---- document type ----

var (
	leRe         = regexp.MustCompile(`(?i)\bloan\s*estimate\b`)
	cdRe         = regexp.MustCompile(`(?i)\bclosing\s*disclosure\b`)
	leFooterRe   = regexp.MustCompile(`(?i)\bloan\s*estimate\s+page\s+\d+\s+of\s+\d+`)
	cdFooterRe   = regexp.MustCompile(`(?i)\bclosing\s*disclosure\s+page\s+\d+\s+of\s+\d+`)
	commitmentRe = regexp.MustCompile(`(?i)\b(?:commitment\s+letter|loan\s+commitment|mortgage\s+commitment|commitment\s+to\s+lend|conditional(?:ly)?\s+approv\w*|approval\s+letter|(?:loan|mortgage|application)\s+(?:has\s+been|is)\s+approved)\b`)
)

// classify names the document type from what its text says it is.
func classify(pages []PageText) DocumentType {
	var all strings.Builder
	for _, p := range pages {
		all.WriteString(p.Text)
		all.WriteByte('\n')
	}
	text := all.String()
	le := len(leRe.FindAllStringIndex(text, -1))
	cd := len(cdRe.FindAllStringIndex(text, -1))
	// A form names itself in its footers ("CLOSING DISCLOSURE  PAGE 3 OF 5"):
	// that outweighs a column headed "Loan Estimate" in a disclosure.
	le += 5 * len(leFooterRe.FindAllStringIndex(text, -1))
	cd += 5 * len(cdFooterRe.FindAllStringIndex(text, -1))
	switch {
	case le > 0 && le >= cd:
		return TypeLoanEstimate
	case cd > 0:
		return TypeClosingDisclosure
	case commitmentRe.MatchString(text):
		return TypeCommitmentLetter
	}
	return TypeOther
}
