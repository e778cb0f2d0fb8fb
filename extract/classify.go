package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"loanbatch/pipeline"
)

// A document says what it is in its title, near the top of its first page,
// or in its footers ("LOAN ESTIMATE  PAGE 1 OF 3"); a letter also in what it
// tells its reader ("your application has been approved"). A form's name in
// a sentence ("Your Loan Estimate contains the official disclosures", "This
// is not a commitment to lend") is a reference to another document, not a
// title.

var (
	leRe         = regexp.MustCompile(`(?i)\bloan\s*` + ocrWord("estimate") + `\b`)
	cdRe         = regexp.MustCompile(`(?i)\bclosing\s*` + ocrWord("disclosure") + `\b`)
	leFooterRe   = regexp.MustCompile(`(?i)\bloan\s*` + ocrWord("estimate") + `\s+page\s+\d+\s+of\s+\d+`)
	cdFooterRe   = regexp.MustCompile(`(?i)\bclosing\s*` + ocrWord("disclosure") + `\s+page\s+\d+\s+of\s+\d+`)
	negatedRe    = regexp.MustCompile(`(?i)\b(?:not|nor|neither)\s*(?:an?|the|your)?\s+(?:contract\s+nor\s+a\s+)?(?:loan\s*` + ocrWord("estimate") + `|closing\s*` + ocrWord("disclosure") + `|commitment|approval)\b`)
	commitmentRe = regexp.MustCompile(`(?i)\b(?:commitment\s+letter|loan\s+commitment|mortgage\s+commitment|conditional(?:ly)?\s+approv\w*|approval\s+letter|(?:loan|mortgage|application)\s+(?:has\s+been|is)\s+(?:pre-?)?approved|(?:are|is)\s+pleased\s+to\s+approve|(?:have|has)\s+(?:been\s+)?(?:pre-?)?approved|pre-?approved\s+for)\b`)
	// commitmentTitleRe names a lender's commitment in a heading: commitment,
	// approval and pre-approval letters, rate-lock agreements and confirmations.
	commitmentTitleRe = regexp.MustCompile(`(?i)\b(?:commitment|approval|pre-?approval|(?:rate\s*)?lock(?:-in)?\s+(?:agreement|confirmation))\b`)
	// notLetterTitleRe names what a heading with "commitment" or "approval"
	// in it may be other than the letter: a date, a worksheet or checklist
	// to fill in.
	notLetterTitleRe = regexp.MustCompile(`(?i)expir|worksheet|checklist|request\b`)
	// notLetterHeadingRe is a line that names a worksheet or checklist.
	notLetterHeadingRe = regexp.MustCompile(`(?im)^.*\b(?:worksheet|checklist)\b.*$`)
	// midSentenceRe is a line that ends in a word no sentence ends in.
	midSentenceRe = regexp.MustCompile(`(?:^|\s)(?:a|an|the|your|our|this|of|for|to|is|not)$`)
	// emailHeaderRe is a printed e-mail's header line: correspondence about a
	// loan, not the loan document itself.
	emailHeaderRe = regexp.MustCompile(`(?im)^\s*(?:from|sent|subject)\s*:\s*\S`)
)

// ocrWord is a pattern for word w as OCR may print it: with a space put
// in between two of its letters ("Loan Est imate").
func ocrWord(w string) string {
	var b strings.Builder
	for i, r := range w {
		if i > 0 {
			b.WriteString(" ?")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// titleLines is how many non-empty lines of the first page may hold the title.
const titleLines = 12

// classify names the document type from what its text says it is.
func classify(pages []pipeline.PageText) pipeline.DocumentType {
	var all strings.Builder
	for _, p := range pages {
		all.WriteString(p.Text)
		all.WriteByte('\n')
	}
	text := negatedRe.ReplaceAllString(all.String(), " ")
	le := 5 * len(leFooterRe.FindAllStringIndex(text, -1))
	cd := 5 * len(cdFooterRe.FindAllStringIndex(text, -1))
	if le == 0 && cd == 0 && len(emailHeaderRe.FindAllStringIndex(pagesHead(pages), -1)) >= 2 {
		return pipeline.TypeOther // a printed e-mail: correspondence about a loan, not one of its forms
	}
	var head []string // the short cells atop the first page: its headings
	lines := documentLines(maskNegated(pages))
	for _, l := range firstLines(lines, titleLines) {
		for _, c := range l.cells {
			if len(strings.Fields(c.text)) <= 10 && !negatedRe.MatchString(c.text) {
				head = append(head, c.text)
			}
		}
	}
	wrapped := false // the line before ends mid-sentence
	for _, l := range lines {
		if len(l.cells) == 0 {
			wrapped = false
			continue
		}
		runOn := wrapped && len(l.cells) == 1
		wrapped = midSentenceRe.MatchString(l.cells[len(l.cells)-1].text)
		for _, c := range l.cells {
			// A cell that is the form's name alone is its title or a running
			// head, unless a sentence wrapped onto it ("This is not a" over
			// "Loan Estimate", its "not" lost to OCR).
			name := strings.Trim(c.text, " :•|")
			if name == "" || runOn {
				continue
			}
			if leRe.FindString(name) == name {
				le += 2
			}
			if cdRe.FindString(name) == name {
				cd += 2
			}
		}
	}
	switch {
	case le > 0 && le >= cd:
		return pipeline.TypeLoanEstimate
	case cd > 0:
		return pipeline.TypeClosingDisclosure
	}
	if t, ok := classifyForm(lines, text); ok {
		return t // an application, underwriting summary, Note or statement (doctype.go)
	}
	for _, h := range head {
		if commitmentTitleRe.MatchString(h) && titleCased(h) && !notLetterTitleRe.MatchString(h) {
			return pipeline.TypeCommitmentLetter
		}
	}
	if commitmentRe.MatchString(notLetterHeadingRe.ReplaceAllString(text, " ")) {
		return pipeline.TypeCommitmentLetter
	}
	return pipeline.TypeOther
}

// maskNegated blanks the form names that a sentence says a document is
// not ("This is not a\nLoan Estimate"), keeping every other character in
// its place.
func maskNegated(pages []pipeline.PageText) []pipeline.PageText {
	out := slices.Clone(pages)
	for i := range out {
		out[i].Text = negatedRe.ReplaceAllStringFunc(out[i].Text, func(m string) string {
			return strings.Map(func(r rune) rune {
				if r == '\n' {
					return r
				}
				return ' '
			}, m)
		})
	}
	return out
}

// pagesHead is the top of the first page, where a printed e-mail's headers are.
func pagesHead(pages []pipeline.PageText) string {
	if len(pages) == 0 {
		return ""
	}
	lines := strings.SplitN(pages[0].Text, "\n", 20)
	return strings.Join(lines[:min(len(lines), 19)], "\n")
}

// titleCased reports whether every word of four letters or more starts with
// a capital, as headings do and sentences do not.
func titleCased(s string) bool {
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if len(r) >= 4 && unicode.IsLetter(r[0]) && !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}
