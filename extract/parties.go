package extract

import (
	"regexp"
	"strings"
	"unicode"

	"loanbatch/pipeline"
)

// The parties of a loan where no label names them: a letter's addressee is
// the borrower (the name atop an address block, or the person its
// salutation greets), an e-mail's recipient too; the lender signs the letter
// or heads it, or is the licensed company beside its NMLS number.

// orgWordRe finds a word only organisations have in their names.
var orgWordRe = regexp.MustCompile(`(?i)\b(?:bank|bancorp|mortgage|lending|lenders?|home\s+loans|financial|finance|funding|capital|credit\s+union|savings|trust|federal|company|corp(?:oration)?|inc|llc|l\.l\.c|n\.\s?a|fsb|group|partners|services|insurance|title|escrow|realty|associates|agency)\b\.?`)

// orgEndRe is how a lender's name ends: "... Bank", "... Home Lending, LLC".
var orgEndRe = regexp.MustCompile(`(?i)\b(?:bank|bancorp|mortgage|lending|lenders|home\s+loans|financial|services|finance|funding|capital|` +
	`credit\s+union|savings|trust|company|co|corp|corporation|inc|llc|l\.l\.c|n\.\s?a|fsb|group|partners)\.?$`)

// legalFormRe is the words that start a company name's wrapped last line
// and never a name of their own: "Company, Inc." under "… Mortgage".
var legalFormRe = regexp.MustCompile(`^\s*(?:Company|Co\.|Inc\.?|LLC|L\.L\.C\.|Corporation|Corp\.?|N\.\s?A\.|FSB|L\.P\.)(?:\W|$)`)

// notLenderRe finds the companies of a loan file that are not its lender:
// title, escrow and insurance companies, appraisers, realtors.
var notLenderRe = regexp.MustCompile(`(?i)\b(?:title|escrow|insurance|appraisal|realty|realtors?|settlement|third\s+party|closing\s+(?:agent|group|services|company))\b`)

// isOrganisation reports whether a name is a company's rather than a person's.
func isOrganisation(name string) bool { return orgWordRe.MatchString(name) }

// isLabelText reports whether s is one of the field table's labels: a label
// read from the cell under another label is not a value.
func isLabelText(s string) bool {
	s = strings.Trim(s, " :#.")
	if s == "" {
		return false
	}
	for _, re := range allLabels {
		if loc := re.FindStringIndex(s); loc != nil && loc[1] >= len(s)-1 {
			return true
		}
	}
	return false
}

// allLabels is every label of the field table (set by init: the table's
// parsers use isLabelText).
var allLabels []*regexp.Regexp

func init() {
	for _, r := range fieldTable {
		allLabels = append(allLabels, r.labels...)
	}
}

// lastFirstRe is a name written surname first, as LOS printouts do:
// "CARRINGTON, DESMOND", "Whitaker, Priya L" or "INGRAM SR., VICTOR N".
var lastFirstRe = regexp.MustCompile(`^(\pL[\pL'-]+(?:\s+(?i:jr|sr|ii|iii|iv)\.?)?),\s*(\pL[\pL'-]+(?:\s+\pL\.?)?)$`)

// addresseeWindow is how many non-empty lines atop a letter may hold its
// inside address.
const addresseeWindow = 30

// letterAddressee reads the borrower from the inside address of a letter: a
// person's name alone on its line with a street address under it (a
// co-borrower's name may come between), or from an e-mail's "To:" line.
func letterAddressee(lines []textLine) (hit, bool) {
	top := firstLines(lines, addresseeWindow)
	for i, l := range top {
		if len(l.cells) == 0 {
			continue
		}
		text := l.cells[0].text
		if m := emailToRe.FindStringSubmatch(text); m != nil {
			if v, ok := personValue(m[1]); ok && !isOrganisation(v.(string)) {
				return hit{value: v, page: l.page, how: byAddressee}, true
			}
			continue
		}
		if len(l.cells) > 1 {
			continue
		}
		v, ok := personValue(text)
		if !ok || isOrganisation(v.(string)) || isLabelText(text) || cityLineRe.MatchString(text) {
			continue // "Salt Lake City, UT 84111" under a letterhead is its town
		}
		if letterheadUnder(top, i) {
			continue // "Foxhaven Home Lendin": a letterhead whose last letter OCR lost
		}
		for j := i + 1; j < len(top) && j <= i+3; j++ {
			next := top[j].cells[0].text
			if _, date := pipeline.ParseDate(next); date {
				continue // "17 June 2024" is no street
			}
			if _, ok := addressValue(next); ok {
				return hit{value: v, page: l.page, how: byAddressee}, true
			}
		}
	}
	return hit{}, false
}

// contactRe is a letterhead's line of telephone, fax, licence or web
// address, which no inside address prints.
var contactRe = regexp.MustCompile(`(?i)\b(?:phone|tel|fax|nmls)\b|\bwww\.|\(\d{3}\)\s*\d{3}-\d{4}`)

// letterheadUnder reports whether the lines under line i of a letter's top
// are a letterhead's: a contact line within three lines.
func letterheadUnder(top []textLine, i int) bool {
	for j := i + 1; j < len(top) && j <= i+3; j++ {
		for _, c := range top[j].cells {
			if contactRe.MatchString(c.text) {
				return true
			}
		}
	}
	return false
}

var emailToRe = regexp.MustCompile(`^(?i:to)\s*:\s*([^<>;,@]{3,60}?)\s*(?:<|$)`)

// closingRe starts a letter's signature block: a complimentary close
// ("Sincerely,", "Talk soon,") alone on its line, or "Confirmed by:".
var (
	closingRe = regexp.MustCompile(`(?i)^(?:sincerely|regards|best regards|kind regards|warm regards|respectfully|yours truly|thank you|confirmed by|approved by)\b|^(?:thanks|best|cheers)[,.!]?$`)
	signOffRe = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:\s\p{Ll}+){0,2},$`)
)

// isClosing reports whether a line's first cell closes a letter.
func isClosing(l textLine) bool {
	if len(l.cells) == 0 {
		return false
	}
	text := l.cells[0].text
	if closingRe.MatchString(text) {
		return true
	}
	return len(l.cells) == 1 && signOffRe.MatchString(text) && !salutationRe.MatchString(text)
}

// signatureBlockLines is how many lines after a complimentary close may
// hold its signer's name, title, licence and company.
const signatureBlockLines = 8

// signatureBlocks marks the lines of a letter's signature blocks: the lines
// after each complimentary close with its comma ("Respectfully,"), on its
// page. ("Thank you." is as often a sentence of the letter's body.)
func signatureBlocks(lines []textLine) map[int]bool {
	block := map[int]bool{}
	for i, l := range lines {
		if !isClosing(l) || !strings.HasSuffix(strings.TrimSpace(l.cells[0].text), ",") {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+signatureBlockLines && lines[j].page == l.page; j++ {
			block[j] = true
		}
	}
	return block
}

// signatureLender reads the lender from a letter's signature block: the
// first organisation named in the lines after the closing ("Sincerely,").
func signatureLender(lines []textLine) (hit, bool) {
	for i, l := range lines {
		if !isClosing(l) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+signatureBlockLines && lines[j].page == l.page; j++ {
			for _, c := range lines[j].cells {
				if h, ok := lenderName(c.text, lines[j].page); ok {
					h.how = bySignature
					return h, true
				}
			}
		}
	}
	return hit{}, false
}

// nmlsLender reads the lender from a company named beside its NMLS licence
// number, as letterheads and footers print it ("Summit Trail Home Lending |
// NMLS #479323").
func nmlsLender(lines []textLine) (hit, bool) {
	for _, l := range lines {
		for ci, c := range l.cells {
			if !strings.Contains(strings.ToUpper(c.text), "NMLS") || ci == 0 {
				continue
			}
			if h, ok := lenderName(l.cells[ci-1].text, l.page); ok {
				h.how = byLetterhead
				return h, true
			}
		}
	}
	return hit{}, false
}

// lenderName reads a cell that is a lender's name: an organisation that is
// not a title, escrow or insurance company; a label before it ("COMPANY:",
// "FROM:") is dropped.
func lenderName(text string, page int) (hit, bool) {
	if i := strings.LastIndex(text, ":"); i >= 0 {
		text = text[i+1:]
	}
	text = strings.TrimLeftFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) // a logo's "@"
	v, ok := companyValue(text)
	if !ok || !orgEndRe.MatchString(v.(string)) || notLenderRe.MatchString(v.(string)) || onlyOrgWords(v.(string)) {
		return hit{}, false
	}
	return hit{value: v, page: page, how: byLetterhead}, true
}

// onlyOrgWords reports whether a company's name is only the words any
// lender's may end in ("Credit Union" when OCR lost "Riverbend Federal"):
// no name.
func onlyOrgWords(name string) bool {
	for _, w := range strings.Fields(name) {
		if !genericOrgWords[strings.ToLower(strings.Trim(w, ".,&"))] {
			return false
		}
	}
	return true
}

var genericOrgWords = map[string]bool{
	"": true, "the": true, "of": true, "credit": true, "union": true, "federal": true, "bank": true, "mortgage": true,
	"company": true, "co": true, "inc": true, "llc": true, "corp": true, "corporation": true, "savings": true,
	"financial": true, "services": true, "lending": true, "home": true, "loans": true, "group": true, "trust": true,
	"national": true, "association": true, "n.a": true, "fsb": true,
}

// salutationRe greets the reader: "Dear Ms. Park:", "Dear Wendy and Marcus,".
var salutationRe = regexp.MustCompile(`^(?i:dear|hi|hello)\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(\p{Lu}[\pL'-]+)`)

// noteSignerRe is a Note's signature line: the name, then "- Borrower".
var noteSignerRe = regexp.MustCompile(`^(.{3,60}?)\s*[-–—]\s*(?i:borrower)\b`)

// greetedBorrower reads the borrower a letter greets by one name ("Dear Ms.
// Park:") as the person the letter names in full with it, or the first
// signer of a Note ("JOHN Q. DOE  - Borrower").
func greetedBorrower(lines []textLine) (hit, bool) {
	greeted := false
	for _, l := range lines {
		if len(l.cells) == 0 {
			continue
		}
		if m := noteSignerRe.FindStringSubmatch(l.cells[0].text); m != nil {
			if v, ok := personValue(m[1]); ok && !isOrganisation(v.(string)) {
				return hit{value: v, page: l.page, how: byAddressee}, true
			}
		}
		m := salutationRe.FindStringSubmatch(l.cells[0].text)
		if m == nil || greeted {
			continue
		}
		greeted = true // a letter greets once: later "Dear" lines are quoted text
		if strings.HasPrefix(strings.ToLower(m[1]), "borrower") {
			continue
		}
		signers := signatureBlocks(lines)
		for ki, k := range lines {
			if signers[ki] {
				continue // "Brandon Ellison" signing to "Dear Brandon" is not the borrower
			}
			for _, c := range k.cells {
				v, ok := personValue(c.text)
				if !ok || isOrganisation(v.(string)) {
					continue
				}
				words := strings.Fields(v.(string))
				if strings.EqualFold(words[0], m[1]) || strings.EqualFold(words[len(words)-1], m[1]) {
					return hit{value: v, page: k.page, how: byAddressee}, true
				}
			}
		}
	}
	return hit{}, false
}
