package extract

import (
	"regexp"
	"strings"
	"time"

	"loanbatch/pipeline"
)

// What the loan file's forms print in their own ways (see doctype.go): a
// Note's terms in its sentences, its date and address over bracketed
// captions and its borrower in its signatures; a statement's servicer in
// its letterhead and its borrower in its mailing address; the 2021 URLA's
// property in a street/city grid.

// noteProse are the sentences of a Note that carry its terms. "In the
// amount of" there is the monthly payment, never the loan.
var noteProse = []proseRule{
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\bpromise\s+to\s+pay\s+` + money), amountValue},
	{pipeline.FieldInterestRate, regexp.MustCompile(`(?i)\b(?:interest\s+at\s+a\s+)?(?:initial\s+)?yearly\s+rate\s+of\s+([\d.,]{1,8}\s?(?:%|percent))`), percentValue},
	{pipeline.FieldMonthlyPayment, regexp.MustCompile(`(?i)\b(?:initial\s+)?monthly\s+payments?\s+will\s+be\s+in\s+the\s+amount\s+of\s+` + money), paymentValue},
	{pipeline.FieldLender, regexp.MustCompile(`\bThe\s+Lender\s+is\s+([^|]{3,90}?)\.?(?:\s+(?:I|The|This|My)\s|\s*\||$)`), noteLenderValue},
}

// noteLenderValue reads "The Lender is Harbor Point Mortgage, LLC": a
// company, and not a placeholder.
func noteLenderValue(s string) (any, bool) {
	v, ok := companyValue(strings.TrimSpace(s))
	if !ok || !isOrganisation(v.(string)) {
		return nil, false
	}
	if name := v.(string); dottedTailRe.MatchString(name) {
		return name + ".", true // "N.A." whose stop ended the sentence
	}
	return v, true
}

var dottedTailRe = regexp.MustCompile(`\b(?:\p{Lu}\.)+\p{Lu}$`)

var (
	noteFirstPayRe = regexp.MustCompile(`(?i)\bmonthly\s+payments?\s+on\s+the\s+\S+\s+day\s+of\s+each\s+month\s+beginning\s+on\s+([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})`)
	noteMaturityRe = regexp.MustCompile(`(?i)\bif,?\s+on\s+([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}),?\s+I\s+still\s+owe`)
	// borrowerSignRe is a signature line's caption; OCR reads its dash as "~".
	borrowerSignRe = regexp.MustCompile(`^[-–—~]\s*(?i:borrower)$`)
	// initialColonRe is a middle initial whose stop OCR read as a colon ("WENDY A: PARK").
	initialColonRe = regexp.MustCompile(`\b(\p{Lu}):\s`)
)

// findNoteFields reads what a Note prints outside its sentences' labels:
// the date and property address above their bracketed captions ("[Date]",
// "[Property Address]"), the first signer as the borrower, and the term
// from the first payment to the maturity date.
func findNoteFields(lines []textLine, found map[string]hit) {
	if _, ok := found[pipeline.FieldIssueDate]; !ok {
		if h, ok := aboveCaption(lines, "date", dateValue); ok {
			found[pipeline.FieldIssueDate] = h
		}
	}
	if _, ok := found[pipeline.FieldProperty]; !ok {
		if h, ok := aboveCaption(lines, "property address", addressValue); ok {
			found[pipeline.FieldProperty] = h
		}
	}
	if _, ok := found[pipeline.FieldBorrower]; !ok {
		if h, ok := noteSigner(lines); ok {
			found[pipeline.FieldBorrower] = h
		}
	}
	if _, ok := found[pipeline.FieldTerm]; !ok {
		if h, ok := noteTerm(lines); ok {
			found[pipeline.FieldTerm] = h
		}
	}
}

// aboveCaption reads the value printed over a bracketed caption such as
// "[Date]", in the cell above that overlaps it.
func aboveCaption(lines []textLine, caption string, parse func(string) (any, bool)) (hit, bool) {
	want := "[" + caption + "]"
	for li, l := range lines {
		for _, c := range l.cells {
			if !strings.EqualFold(strings.Join(strings.Fields(c.text), " "), want) {
				continue
			}
			for j := li - 1; j >= 0 && j >= li-2 && lines[j].page == l.page; j-- {
				for _, a := range lines[j].cells {
					aEnd := a.col + len([]rune(a.text))
					if aEnd < c.col || a.col > c.col+len([]rune(c.text)) {
						continue
					}
					if v, ok := parse(a.text); ok {
						return hit{value: v, page: l.page, line: j, col: a.col, how: byLabelBelow}, true
					}
				}
			}
		}
	}
	return hit{}, false
}

// noteSigner reads the first person signing a Note: the name before "-
// Borrower" on its line, or the name typed under a lone "- Borrower".
func noteSigner(lines []textLine) (hit, bool) {
	for li, l := range lines {
		for ci, c := range l.cells {
			if !borrowerSignRe.MatchString(strings.TrimSpace(c.text)) {
				continue
			}
			if ci > 0 {
				if h, ok := signerName(l.cells[ci-1].text, l.page); ok {
					return h, true
				}
			}
			if li+1 < len(lines) && lines[li+1].page == l.page && len(lines[li+1].cells) > 0 {
				if h, ok := signerName(lines[li+1].cells[0].text, l.page); ok {
					return h, true
				}
			}
		}
	}
	return hit{}, false
}

func signerName(s string, page int) (hit, bool) {
	s = strings.TrimSpace(strings.Trim(s, "_ "))
	v, ok := personValue(initialColonRe.ReplaceAllString(s, "$1. "))
	if !ok || isOrganisation(v.(string)) {
		return hit{}, false
	}
	return hit{value: v, page: page, how: byAddressee}, true
}

// noteTerm works the term out from the first payment's date and the
// maturity date, when both are printed and the months between them make
// whole years (a Note's terms do); otherwise it abstains.
func noteTerm(lines []textLine) (hit, bool) {
	var b strings.Builder
	page := 0
	for _, l := range lines {
		for _, c := range l.cells {
			b.WriteString(c.text)
			b.WriteByte(' ')
		}
		if page == 0 && len(l.cells) > 0 && strings.Contains(strings.ToLower(lineText(l)), "maturity") {
			page = l.page
		}
	}
	text := strings.Join(strings.Fields(b.String()), " ")
	f, m := noteFirstPayRe.FindStringSubmatch(text), noteMaturityRe.FindStringSubmatch(text)
	if f == nil || m == nil {
		return hit{}, false
	}
	first, ok1 := parseDay(f[1])
	last, ok2 := parseDay(m[1])
	if !ok1 || !ok2 {
		return hit{}, false
	}
	n := (last.Year()-first.Year())*12 + int(last.Month()-first.Month()) + 1
	if n < 12 || n > 480 || n%12 != 0 || last.Day() != first.Day() {
		return hit{}, false
	}
	return hit{value: n, page: max(page, 1), how: byProse}, true
}

func parseDay(s string) (time.Time, bool) {
	d, ok := pipeline.ParseDate(s)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", d)
	return t, err == nil
}

func lineText(l textLine) string {
	parts := make([]string, len(l.cells))
	for i, c := range l.cells {
		parts[i] = c.text
	}
	return strings.Join(parts, " ")
}

// findStatementParties reads a statement's servicer from its letterhead
// and its borrower from the mailing address, which sits beside the
// statement's boxes (so a letter's one-cell address lines are not seen).
func findStatementParties(lines []textLine, found map[string]hit) {
	if _, ok := found[pipeline.FieldLender]; !ok {
		for _, l := range firstLines(lines, headLines) {
			if len(l.cells) == 0 {
				continue
			}
			if h, ok := servicerName(l.cells[0].text, l.page); ok {
				found[pipeline.FieldLender] = h
				break
			}
		}
	}
	if _, ok := found[pipeline.FieldBorrower]; ok {
		return
	}
	if h, ok := mailingAddressee(firstLines(lines, addresseeWindow)); ok {
		found[pipeline.FieldBorrower] = h
	}
}

// mailingAddressee reads the first of the one or two names over the first
// street line at the left of the page: the borrower, then a co-borrower.
// A mail endorsement over them ("RETURN SERVICE REQUESTED") is not a name,
// and a servicer's own address has its company over it, not a person.
func mailingAddressee(top []textLine) (hit, bool) {
	for i, l := range top {
		if len(l.cells) == 0 || l.cells[0].col > 20 {
			continue
		}
		if _, ok := addressValue(l.cells[0].text); !ok {
			continue
		}
		var name hit
		for j := i - 1; j >= 0 && j >= i-2; j-- {
			if len(top[j].cells) == 0 || top[j].cells[0].col > 20 {
				break
			}
			text := top[j].cells[0].text
			v, ok := personValue(text)
			if !ok || isOrganisation(v.(string)) || isLabelText(text) || mailEndorsementRe.MatchString(text) {
				break
			}
			name = hit{value: v, page: top[j].page, how: byAddressee}
		}
		if name.value != nil {
			return name, true
		}
	}
	return hit{}, false
}

// mailEndorsementRe is what a mailer prints over the addressee.
var mailEndorsementRe = regexp.MustCompile(`(?i)\b(?:return|forwarding|change|electronic)\s+service\b|\bservice\s+requested\b|\bpresorted\b|\bpostage\b`)

// servicerName reads a letterhead that names a servicer: any organisation
// ("Cedar Valley Mortgage Servicing"), not a title or escrow company.
func servicerName(text string, page int) (hit, bool) {
	v, ok := companyValue(text)
	if !ok || !isOrganisation(v.(string)) || notLenderRe.MatchString(v.(string)) {
		return hit{}, false
	}
	return hit{value: v, page: page, how: byLetterhead}, true
}

// urlaStreetRe and the city line are the 2021 URLA's address grid:
// "Street 2290 Alder Creek Way  Unit #" over "City Fort Collins  State CO  ZIP 80525".
var (
	urlaStreetRe = regexp.MustCompile(`(?i)^street\s+(\d.*)$`)
	urlaCityRe   = regexp.MustCompile(`(?i)^city\s+([A-Za-z][A-Za-z .'-]+)$`)
	urlaStateRe  = regexp.MustCompile(`(?i)^state\s+([A-Z]{2})$`)
	urlaZipRe    = regexp.MustCompile(`(?i)^zip\s+(\d{5}(?:-\d{4})?)$`)
)

// findURLAAddress reads the subject property from the 2021 URLA's grid,
// where "Property Address" is followed by the street, then city, state and
// ZIP in cells of their own. The borrower's current address, printed in
// the same grid, is never taken: only the grid after "Property Address".
func findURLAAddress(lines []textLine, found map[string]hit) {
	if _, ok := found[pipeline.FieldProperty]; ok {
		return
	}
	for li, l := range lines {
		if len(l.cells) < 2 || !strings.EqualFold(strings.TrimSpace(l.cells[0].text), "property address") {
			continue
		}
		m := urlaStreetRe.FindStringSubmatch(l.cells[1].text)
		if m == nil || li+1 >= len(lines) {
			continue
		}
		var city, state, zip string
		for _, c := range lines[li+1].cells {
			t := strings.TrimSpace(c.text)
			if x := urlaCityRe.FindStringSubmatch(t); x != nil {
				city = x[1]
			} else if x := urlaStateRe.FindStringSubmatch(t); x != nil {
				state = x[1]
			} else if x := urlaZipRe.FindStringSubmatch(t); x != nil {
				zip = x[1]
			}
		}
		if city == "" || state == "" || zip == "" {
			continue
		}
		v, ok := addressValue(strings.TrimSpace(m[1]) + ", " + city + ", " + state + " " + zip)
		if !ok {
			continue
		}
		found[pipeline.FieldProperty] = hit{value: v, page: l.page, line: li, col: l.cells[1].col, how: byLabel}
		return
	}
}
