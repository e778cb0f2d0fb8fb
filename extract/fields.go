// Package extract finds a document's loan fields and its type in the text
// of its pages: labels from the field table's lexicon (lexicon.go), values
// beside, below or inside the label's cell, prose, the parties of a
// letter, and a choice among candidates that makes the figures agree; then
// a confidence for each field and the reasons to review it.
package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"loanbatch/pipeline"
)

// Field extraction reads the laid-out text of a document (see textlayout.Layout):
// lines whose cells are separated by runs of three or more spaces. A field
// is found by a label and a value that parses: the value after the label in
// its cell, in the next cell of the line, or alone in the cell below it.
// The labels and parsers are the field table's (lexicon.go). Prose ("a loan
// of $312,500.00 at a fixed rate of 6.125%") is read when no label gave a
// value; parties no label names come from a letter's address block,
// greeting and signature (parties.go); of the figures' candidates, the set
// that agrees is chosen (consistency.go). A value that does not parse is
// never guessed.

// fieldRule says how to find one field.
type fieldRule struct {
	name   string           // the contract's key
	labels []*regexp.Regexp // in order of preference, matched case-insensitively
	// parse reads a value at the start of s and returns it normalized.
	parse func(s string) (any, bool)
	// below allows the value to stand alone in the cell under the label.
	below bool
	// numeric fields are figures: several candidates are kept for the choice
	// of a consistent set (consistency.go), and in a Closing Disclosure's
	// comparison rows the last (final) figure counts.
	numeric bool
	// beside allows the value to stand alone to the right of a label that
	// starts a paragraph ("Annual Percentage Rate (APR). Your costs …  4.174%").
	beside bool
}

// labels compiles label patterns that start their cell, after an optional
// bullet as OCR reads it ("e — Estimated closing costs:", "= APR:"; a dash
// alone is a signature line's "- Borrower") and an item letter ("J."); an
// optional parenthetical such as "(APR)" or
// "(Borrower-Paid)" and punctuation may follow.
func labels(patterns ...string) []*regexp.Regexp {
	return compileLabels(`^[\[(|*]{0,2}(?:[eo•·]\s+(?:[=—–_~-]+\s*)?|=\s*)?(?:[A-Z0-9]{1,2}[.)]\s*)?`, patterns)
}

// anywhereLabels compiles label patterns that may stand anywhere in a cell
// after a word boundary, as "PAGE 1 OF 3 LOAN ID # 123456789" footers do.
func anywhereLabels(patterns ...string) []*regexp.Regexp {
	return compileLabels(`(?:^|[^\pL\pN])`, patterns)
}

// compileLabels compiles label patterns. The words of a label may also be
// joined by a hyphen or parted by a speck OCR read as a full stop or a
// comma, and its colon doubled or taken for a comma, as OCR reads them
// ("Date-Prepared", "Monthly Principal. & Interest", "Applicant::",
// "APPLICANTS,").
func compileLabels(prefix string, patterns []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		p = strings.ReplaceAll(p, `\s*`, `[\s\-.,]*`)
		out[i] = regexp.MustCompile(`(?i)` + prefix + `(?:` + p + `)(?:\s*\([^)]{0,30}\))?(?:\s*[.,]+)?\s*(?:[:#]\s*[:;.]?)?\**`)
	}
	return out
}

func moneyValue(s string) (any, bool) {
	c, ok := pipeline.ParseMoney(s, true)
	return c, ok && c > 0
}

// labelledMoneyValue also reads an amount printed without its currency
// after a money label, as LOS printouts do ("NOTE AMT : 642,400.00"): it
// must then have cents, so that a count or a year is not taken for money.
func labelledMoneyValue(s string) (any, bool) {
	if v, ok := moneyValue(s); ok {
		return v, true
	}
	if bareMoneyRe.MatchString(pipeline.TrimLead(s)) {
		if c, ok := pipeline.ParseMoney(s, false); ok && c > 0 {
			return c, true
		}
	}
	return nil, false
}

var bareMoneyRe = regexp.MustCompile(`^\d{1,3}(?:, ?\d{3})*\.\d{2}(?:\s|$)`) // OCR may part a group: "11, 488.00"

func percentValue(s string) (any, bool) { return pipeline.ParsePercent(s) }

// labelledPercentValue also reads a rate printed without its percent sign
// after a rate label ("Interest Rate: 6.375"): a decimal under 20.
func labelledPercentValue(s string) (any, bool) {
	if p, ok := pipeline.ParsePercent(s); ok {
		return p, true
	}
	if m := bareRateRe.FindStringSubmatch(pipeline.TrimLead(s)); m != nil {
		digits := m[1]
		if i := strings.IndexByte(digits, '.'); len(digits)-i-1 == 4 && !strings.HasSuffix(digits, "0") {
			// No rate is printed to a ten-thousandth but as "6.8750": a
			// fourth decimal that is no 0 is OCR's reading of the % sign
			// ("7.6986" for "7.698%").
			digits = digits[:len(digits)-1]
		}
		if v, err := strconv.ParseFloat(digits, 64); err == nil && v > 0 && v < 20 {
			return v, true
		}
	}
	return nil, false
}

var bareRateRe = regexp.MustCompile(`^(\d{1,2}\.\d{1,4})(?:\s|$)`)

func termValue(s string) (any, bool) { return pipeline.ParseTerm(s) }

func dateValue(s string) (any, bool) { return pipeline.ParseDate(s) }

// labelledTermValue is a term after its label, where a bare number counts.
func labelledTermValue(s string) (any, bool) {
	if n, ok := pipeline.ParseMonths(s); ok {
		return n, true
	}
	return nil, false
}

// Extraction is what a document's text gave: the fields, the document type,
// each field's confidence (0–1) and page, and whether a person should check
// the result, and why.
type Extraction struct {
	Fields        pipeline.Fields
	Type          pipeline.DocumentType
	Confidence    map[string]float64
	Pages         map[string]int
	NeedsReview   bool
	ReviewReasons []string
}

// Extract reads the fields of a document's pages, with their confidence
// and the cross-checks of review.go.
func Extract(pages []pipeline.PageText) Extraction {
	lines := documentLines(pages)
	typ := classify(pages)
	lastOfRow := lastOfRowFor(typ)
	found := map[string]hit{}
	alts := map[string][]hit{}        // the numeric fields' candidates, preferred first
	for _, r := range rulesFor(typ) { // the field table as this type prints it (doctype.go)
		name := r.name
		if name == pipeline.FieldLoanID {
			if h, ok := findLoanID(lines, r); ok {
				found[name] = h
			}
			continue
		}
		if r.numeric {
			if hs := labelledCandidates(lines, r, lastOfRow, maxCandidates); len(hs) > 0 {
				found[name] = hs[0]
				alts[name] = hs
			}
			continue
		}
		if h, ok := findLabelled(lines, r, lastOfRow); ok {
			found[name] = h
		}
	}
	for name, h := range proseFor(typ, pages) {
		if _, ok := found[name]; !ok {
			found[name] = h
		}
		if !slices.ContainsFunc(alts[name], func(o hit) bool { return o.value == h.value }) {
			alts[name] = append(alts[name], h)
		}
	}
	settleSpeckLeads(lines, found, alts)
	chooseConsistent(found, alts)
	completeForm(typ, lines, found)
	for _, name := range []string{pipeline.FieldMonthlyPayment, pipeline.FieldLoanAmount, pipeline.FieldInterestRate} {
		if _, ok := found[name]; !ok && slices.ContainsFunc(rulesFor(typ), func(r fieldRule) bool { return r.name == name }) {
			if h, ok := byAmortizationOf(name, lines, found); ok {
				found[name] = h
			}
		}
	}
	if h, ok := found[pipeline.FieldProperty]; ok {
		h.value = stateStopRe.ReplaceAllString(completeAddress(lines, h), "$1$2") // "Springfield, IL. 62706": a speck after the state
		h.value = cityStopRe.ReplaceAllString(h.value.(string), "$1, $2")         // "Tampa. FL 33610" on the line under the street
		found[pipeline.FieldProperty] = h
		if !wholeAddress(h.value.(string)) {
			delete(found, pipeline.FieldProperty)
		}
	}
	for _, fallback := range []func([]textLine) (hit, bool){lenderLetterhead, signatureLender, nmlsLender} {
		if _, ok := found[pipeline.FieldLender]; ok {
			break
		}
		if h, ok := fallback(lines); ok {
			found[pipeline.FieldLender] = h
		}
	}
	for _, fallback := range []func([]textLine) (hit, bool){letterAddressee, greetedBorrower} {
		if _, ok := found[pipeline.FieldBorrower]; ok {
			break
		}
		if h, ok := fallback(lines); ok {
			found[pipeline.FieldBorrower] = h
		}
	}
	if blankForm(found) {
		// Names with no loan figure or loan ID are a blank or sample
		// form's examples, not a loan.
		found = map[string]hit{}
	}
	if _, ok := found[pipeline.FieldIssueDate]; !ok && (typ == pipeline.TypeCommitmentLetter || typ == pipeline.TypeOther) {
		if h, ok := letterDate(lines); ok {
			found[pipeline.FieldIssueDate] = h
		}
	}
	ocrPage := map[int]bool{}
	for _, p := range pages {
		ocrPage[p.Page] = p.Source == pipeline.SourceOCR
	}
	// OCR reads a speck over a letter as an accent ("Evergréen Hollow
	// Lending", "Knoxvillé"); a lender's name and a US postal address are
	// written without them.
	for _, name := range []string{pipeline.FieldLender, pipeline.FieldProperty} {
		if h, ok := found[name]; ok && ocrPage[h.page] {
			if v, ok := h.value.(string); ok {
				h.value = withoutAccents(v)
				found[name] = h
			}
		}
	}
	if h, ok := found[pipeline.FieldLender]; ok && ocrPage[h.page] {
		h.value = withoutLogoLetters(h.value.(string), pages)
		found[pipeline.FieldLender] = h
	}
	settleTwins(pages, found)
	x := Extraction{Fields: toFields(found), Type: typ, Confidence: map[string]float64{}, Pages: map[string]int{}}
	for name, h := range found {
		x.Confidence[name] = confidenceOf(h.how, ocrPage[h.page])
		x.Pages[name] = h.page
	}
	review(&x, time.Now())
	return x
}

// byAmortizationOf finds the monthly principal and interest, the loan
// amount or the note rate whose label OCR lost ("Pél   $2,000.93", "Int.
// 7.6250%"): the one value in the document that, with the other three,
// makes the loan's payment to within a dollar.
func byAmortizationOf(name string, lines []textLine, found map[string]hit) (hit, bool) {
	amount, _ := found[pipeline.FieldLoanAmount].value.(int64)
	payment, _ := found[pipeline.FieldMonthlyPayment].value.(int64)
	rate, _ := found[pipeline.FieldInterestRate].value.(float64)
	term, _ := found[pipeline.FieldTerm].value.(int)
	pays := func(amount int64, rate float64) bool {
		return pipeline.Abs(payment-pipeline.Amortized(amount, rate, term)) <= 100
	}
	money := func(s string) (int64, bool) { return pipeline.ParseMoney(s, false) }
	switch {
	case term <= 0:
	case name == pipeline.FieldMonthlyPayment && amount > 0 && rate > 0:
		want := pipeline.Amortized(amount, rate, term)
		return onlyFitting(lines, centsAmountRe, money, func(v int64) bool { return pipeline.Abs(v-want) <= 100 })
	case name == pipeline.FieldLoanAmount && payment > 0 && rate > 0:
		return onlyFitting(lines, centsAmountRe, money, func(v int64) bool { return pays(v, rate) })
	case name == pipeline.FieldInterestRate && amount > 0 && payment > 0:
		return onlyFitting(lines, ratePrintRe, pipeline.ParsePercent, func(v float64) bool { return pays(amount, v) })
	}
	return hit{}, false
}

// onlyFitting is the value, of those re finds in the document's cells and
// parse reads, that fits; none when none or two different ones fit.
func onlyFitting[T comparable](lines []textLine, re *regexp.Regexp, parse func(string) (T, bool), fits func(T) bool) (hit, bool) {
	var match *hit
	for li, l := range lines {
		for _, c := range l.cells {
			for _, m := range re.FindAllString(c.text, -1) {
				v, ok := parse(m)
				if !ok || !fits(v) {
					continue
				}
				if match != nil && match.value.(T) != v {
					return hit{}, false // two such values: no telling
				}
				h := attach(v, l.page, li, c.col)
				h.how = byAmortization
				match = &h
			}
		}
	}
	if match == nil {
		return hit{}, false
	}
	return *match, true
}

// ratePrintRe is a rate with its decimals and its percent sign.
var ratePrintRe = regexp.MustCompile(`\b\d{1,2}\.\d{1,4}\s?%`)

// centsAmountRe is a dollar amount with its cents, its sign left out as
// loan systems' printouts do ("MO P&I: 1,967.30").
var centsAmountRe = regexp.MustCompile(`(?:(?:US)?\$\s?)?\b\d{1,3}(?:,\d{3})*\.\d{2}\b`)

// withoutLogoLetters is an OCR-read lender's name without a first word of
// one or two letters that the document, where it prints the name again,
// prints without: a logo read as letters ("Qo Keystone Valley Home Loans,
// Inc." over a signature's "KEYSTONE VALLEY HOME LOANS, INC.").
func withoutLogoLetters(name string, pages []pipeline.PageText) string {
	words := strings.Fields(name)
	if len(words) < 3 || len([]rune(words[0])) > 2 {
		return name
	}
	var all strings.Builder
	for _, p := range pages {
		all.WriteString(strings.ToLower(alnumKey(p.Text)))
	}
	text := all.String()
	rest := strings.ToLower(alnumKey(strings.Join(words[1:], " ")))
	whole := strings.ToLower(alnumKey(words[0])) + rest
	if strings.Count(text, rest) > strings.Count(text, whole) {
		return strings.Join(words[1:], " ")
	}
	return name
}

// withoutAccents is s with the marks over and under its letters taken off.
func withoutAccents(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}

// blankForm reports whether what was found is only names, dates and
// addresses: what the example rows of a blank form give.
func blankForm(found map[string]hit) bool {
	for k := range found {
		switch k {
		case pipeline.FieldBorrower, pipeline.FieldLender, pipeline.FieldProperty, pipeline.FieldIssueDate:
		default:
			return false
		}
	}
	return true
}

// headLines is how many lines of a document's first page count as its
// letterhead.
const headLines = 10

// firstLines returns the first non-empty lines of the document.
func firstLines(lines []textLine, n int) []textLine {
	var out []textLine
	for _, l := range lines {
		if len(l.cells) == 0 {
			continue
		}
		if len(out) > 0 && l.page != out[0].page {
			break
		}
		out = append(out, l)
		if len(out) == n {
			break
		}
	}
	return out
}

// lenderLetterhead reads a lender named at the top of the first page, as
// letterheads and form headers do ("HARBOR POINT MORTGAGE"), when the
// name ends like a lender's (Bank, Mortgage, Credit Union, ...).
func lenderLetterhead(lines []textLine) (hit, bool) {
	for _, l := range firstLines(lines, headLines) {
		// A name spaced wide across the letterhead ("Sagebrush Mortgage
		// Company", "RIVERBEND   FEDERAL   CREDIT UNION"): its cells, each
		// capitalised, joined.
		if len(l.cells) > 1 && !slices.ContainsFunc(l.cells, func(c cell) bool { r, _ := utf8.DecodeRuneInString(c.text); return !unicode.IsUpper(r) }) {
			texts := make([]string, len(l.cells))
			for i, c := range l.cells {
				texts[i] = c.text
			}
			if joined := withoutLogo(strings.Join(texts, " ")); len(strings.Fields(joined)) <= 6 {
				if h, ok := lenderName(joined, l.page); ok {
					return h, true
				}
			}
		}
		for _, c := range l.cells {
			if h, ok := lenderName(withoutLogo(c.text), l.page); ok {
				return h, true
			}
		}
	}
	return hit{}, false
}

// withoutLogo is a letterhead's text without the logo before the name that
// reads as an item letter ("A) Whitestone Savings Bank, FSB"); the name
// must still end like a lender's.
func withoutLogo(text string) string {
	if m := itemLetterRe.FindString(text); m != "" {
		return text[len(m):]
	}
	return text
}

var itemLetterRe = regexp.MustCompile(`^\(?\pL[.)]\s`)

// letterDate reads the date a letter is dated with: a date alone in a cell
// near the top of its first page.
func letterDate(lines []textLine) (hit, bool) {
	for _, l := range firstLines(lines, headLines+5) {
		if len(l.cells) != 1 {
			continue // a date in a row of a table is that row's
		}
		for _, c := range l.cells {
			if d, ok := pipeline.ParseDate(c.text); ok && len(strings.Fields(c.text)) <= 4 {
				return hit{value: d, page: l.page, how: byLetterDate}, true
			}
		}
	}
	return hit{}, false
}

// findLabelled returns the first value a rule's labels give, trying the
// labels in order of preference.
//
// In a Closing Disclosure a label followed by several values in a row is a
// comparison of the Loan Estimate with the final figures: the last is final.
func findLabelled(lines []textLine, r fieldRule, lastOfRow bool) (hit, bool) {
	hs := labelledCandidates(lines, r, lastOfRow, 1)
	if len(hs) == 0 {
		return hit{}, false
	}
	return hs[0], true
}

// labelledCandidates returns up to n different values a rule's labels give,
// the preferred first.
func labelledCandidates(lines []textLine, r fieldRule, lastOfRow bool, n int) []hit {
	var out []hit
	for _, re := range r.labels {
		for li, l := range lines {
			for ci, c := range l.cells {
				h, ok := valueAfterLabel(lines, li, ci, c, re, r, lastOfRow)
				if w, wrapped := wrappedLabel(lines, li, ci); !ok && wrapped {
					h, ok = valueAfterLabel(lines, li, ci, w, re, r, lastOfRow)
				}
				if !ok || slices.ContainsFunc(out, func(o hit) bool { return o.value == h.value }) {
					continue
				}
				if out = append(out, h); len(out) == n {
					return out
				}
			}
		}
	}
	return out
}

func valueAfterLabel(lines []textLine, li, ci int, c cell, re *regexp.Regexp, r fieldRule, lastOfRow bool) (hit, bool) {
	for _, loc := range re.FindAllStringIndex(c.text, -1) {
		rest := c.text[loc[1]:]
		if repeatedMarks(rest) {
			rest = "" // "Base Loan Amount. SSS": a shaded cell's speckle read as letters
		}
		if midWord(c.text, loc[1]) {
			continue // "Rate" in "Rates", "Loan Term" in "Loan Terms"
		}
		if r, _ := utf8.DecodeRuneInString(c.text); unicode.IsLower(r) && !strings.ContainsAny(c.text[:loc[1]], ":#") {
			// A cell in lower case without a colon is a sentence wrapped onto
			// the line ("rate of 7.127 percent, and …", "… as a yearly / rate."),
			// not a label.
			continue
		}
		restNoise := strings.TrimSpace(rest) != "" && (r.numeric && noiseCell(rest) || r.name == pipeline.FieldIssueDate && marksOnly(rest) || // "Date Issued: °"
			leaderDigits(strings.TrimSpace(rest))) // "Amortization Term: ..2.0.0.20"
		if strings.TrimSpace(rest) != "" && !restNoise {
			if v, ok := parseAfterSpecks(r, rest); ok {
				return attach(v, lines[li].page, li, c.col+len([]rune(c.text[:loc[1]]))), true
			}
			if r.beside && loc[0] == 0 {
				if h, ok := valueBeside(lines, li, c, r); ok {
					h.how = byLabelBeside
					return h, true
				}
			}
			continue
		}
		// The label ends its cell: the value is the next cell or the one below.
		if ci+1 < len(lines[li].cells) {
			cells := lines[li].cells
			next := cells[ci+1]
			if _, ok := parseAfterSpecks(r, next.text); !ok {
				if k, ok := pastNoise(cells, ci+1, r); ok {
					next = cells[k] // OCR's reading of a leader or specks between label and value ("Note Rate:   Bo   7.000 %")
				}
			}
			if v, ok := parseAfterSpecks(r, next.text); ok && !labelCell(next.text) {
				if r.name == pipeline.FieldLender {
					if w, ok := lenderWrapped(lines, li, next, r, v.(string)); ok {
						v = w
					}
				}
				if lastOfRow && r.numeric {
					for k := ci + 2; k < len(cells) && valueFillsCell(cells[k].text); k++ {
						w, ok := r.parse(cells[k].text)
						if !ok {
							break
						}
						v, next = w, cells[k]
					}
				}
				return attach(v, lines[li].page, li, next.col), true
			}
		}
		if restNoise {
			continue // "Rate Lock": a longer label, not a label and specks
		}
		if r.below {
			if h, ok := valueBelow(lines, li, c, r); ok {
				h.how = byLabelBelow
				return h, true
			}
		}
	}
	return hit{}, false
}

// labelCell reports whether a cell is another label of the field table,
// ending in a colon ("LENDER   OUR FILENO:" — the lender is under its
// label). Without the colon, "Home Mortgage Company" is a lender.
func labelCell(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), ":") && isLabelText(s)
}

// wrappedLabel joins a label that a narrow table cell wrapped onto two
// lines ("Annual Percentage" over "Rate", the value beside the first, or
// "Monthly Principal and $ 1,617.39" over "Interest", the value run into
// it): the line under it holds only the label's last words, in its column.
func wrappedLabel(lines []textLine, li, ci int) (cell, bool) {
	c := lines[li].cells[ci]
	label, value := c.text, ""
	if i := strings.IndexAny(c.text, "$0123456789"); i > 0 && c.text[i-1] == ' ' {
		label, value = strings.TrimSpace(c.text[:i]), c.text[i:]
	}
	if value == "" && ci+1 >= len(lines[li].cells) || li+1 >= len(lines) || lines[li+1].page != lines[li].page {
		return cell{}, false
	}
	valueCol := c.col + len([]rune(label)) + 1
	if value == "" {
		valueCol = lines[li].cells[ci+1].col
	}
	for k, b := range lines[li+1].cells {
		if b.col < c.col-2 || b.col > c.col+2 {
			continue
		}
		if k+1 < len(lines[li+1].cells) && lines[li+1].cells[k+1].col <= valueCol+2 {
			return cell{}, false // the next row: a label of its own with its value
		}
		joined := label + " " + b.text
		if len(strings.Fields(b.text)) > 3 || strings.ContainsFunc(b.text, unicode.IsDigit) || !isLabelText(joined) {
			return cell{}, false
		}
		if value != "" {
			joined += " " + value
		}
		return cell{col: c.col, text: joined}, true
	}
	return cell{}, false
}

// midWord reports whether i falls between two letters of s.
func midWord(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// valueBelow looks for a value alone in a cell under the label's column on
// the next three non-empty lines of the same page (a form may print a
// line or two describing the box between its label and its value).
func valueBelow(lines []textLine, li int, label cell, r fieldRule) (hit, bool) {
	if repeatedInColumn(lines, li, label) {
		return hit{}, false // a column's value ("Paid to: Lender"), not its label
	}
	end := label.col + len([]rune(label.text))
	seen := 0
	for j := li + 1; j < len(lines) && j <= li+8 && seen < 4; j++ {
		if lines[j].page != lines[li].page {
			break
		}
		if len(lines[j].cells) == 0 {
			continue
		}
		seen++
		for k, c := range lines[j].cells {
			cEnd := c.col + len([]rune(c.text))
			if c.col > end+2 || cEnd < label.col {
				continue
			}
			if k > 0 && isLabelText(lines[j].cells[k-1].text) {
				break // the value of the label beside it on its own line
			}
			if c.col < label.col-12 {
				continue
			}
			if v, ok := r.parse(c.text); ok && valueFillsCell(c.text) {
				if r.name == pipeline.FieldLender && isOrganisation(v.(string)) {
					if w, ok := lenderWrapped(lines, j, c, r, v.(string)); ok {
						v = w
					}
				}
				if r.name == pipeline.FieldLender && !isOrganisation(v.(string)) {
					// A lender's name wrapped in its cell ("Cornerstone Plains" over
					// "Community Bank, N.A.") goes on below; anything else is no
					// lender ("Third Party" under a "Lender" column cell).
					if w, ok := wrappedValue(lines, j, c, r); ok && isOrganisation(w.(string)) {
						return attach(w, lines[j].page, j, c.col), true
					}
					return hit{}, false
				}
				return attach(v, lines[j].page, j, c.col), true
			}
		}
	}
	return hit{}, false
}

// lenderWrapped is a lender's name v, read from cell c of line j, with the
// cell under it in its column when the name goes on there: "Mountain
// Laurel Federal Credit" over "Union", "… Services," over "LLC", "…
// Mortgage" over "Company, Inc.".
func lenderWrapped(lines []textLine, j int, c cell, r fieldRule, v string) (string, bool) {
	w, ok := wrappedValue(lines, j, c, r)
	if !ok || !orgEndRe.MatchString(w.(string)) {
		return v, false
	}
	whole := w.(string)
	if !orgEndRe.MatchString(v) || strings.HasSuffix(strings.TrimSpace(c.text), ",") || legalFormRe.MatchString(strings.TrimPrefix(whole, v)) {
		return whole, true
	}
	return v, false
}

// wrappedValue joins a value to the cell under it in its column, on the
// next line, and reads the whole.
func wrappedValue(lines []textLine, j int, c cell, r fieldRule) (any, bool) {
	if j+1 >= len(lines) || lines[j+1].page != lines[j].page {
		return nil, false
	}
	for _, b := range lines[j+1].cells {
		if b.col >= c.col-3 && b.col <= c.col+3 {
			return r.parse(c.text + " " + b.text)
		}
	}
	return nil, false
}

// repeatedInColumn reports whether a cell's text is printed again in its
// column on its page: a table's values repeat ("Lender", "Third Party"
// under "Paid to"), a label does not.
func repeatedInColumn(lines []textLine, li int, c cell) bool {
	for j := range lines {
		if j == li || lines[j].page != lines[li].page {
			continue
		}
		for _, o := range lines[j].cells {
			if o.text == c.text && o.col >= c.col-3 && o.col <= c.col+3 {
				return true
			}
		}
	}
	return false
}

// valueBeside looks for a value alone in a cell to the right of a label
// that starts a paragraph, on its line or the next three.
func valueBeside(lines []textLine, li int, label cell, r fieldRule) (hit, bool) {
	for j := li; j < len(lines) && j <= li+3 && lines[j].page == lines[li].page; j++ {
		for _, c := range lines[j].cells {
			if c.col <= label.col+10 || len(strings.Fields(c.text)) > 2 {
				continue
			}
			if v, ok := r.parse(c.text); ok {
				return attach(v, lines[j].page, j, c.col), true
			}
		}
	}
	return hit{}, false
}

// maxNoiseCells is how many cells of noise may stand between a label and
// its value.
const maxNoiseCells = 3

// pastNoise is the index of the cell after the noise that OCR read from a
// leader or specks from cell from on ("Total Closing Costs:   Soa
// science   eR   $32,164.00"), when a value of rule r follows it. Noise is a
// cell without a letter or digit, or, before a figure, a noiseCell; a
// sentence between them ("Can this amount increase after closing?") is a
// form's, not noise.
func pastNoise(cells []cell, from int, r fieldRule) (int, bool) {
	for k := from; k < len(cells) && k < from+maxNoiseCells; k++ {
		if t := cells[k].text; !junkCell(t) && !leaderDigits(t) && !(r.numeric && noiseCell(t)) {
			return 0, false
		}
		if k+1 < len(cells) {
			if _, ok := r.parse(cells[k+1].text); ok {
				return k + 1, true
			}
		}
	}
	return 0, false
}

// parseAfterSpecks parses a value of rule r; a figure may follow one or two
// marks of two characters or fewer, without a digit (but see
// loneDigitSpeck), that OCR read from specks in the same cell ("Locked
// Rate   Sl 7.0000%").
func parseAfterSpecks(r fieldRule, s string) (any, bool) {
	if v, ok := r.parse(s); ok || !r.numeric {
		return v, ok
	}
	f := strings.Fields(s)
	for k := 0; k < len(f)-1 && k < 2; k++ {
		speck := len([]rune(f[k])) <= 2 && (!strings.ContainsAny(f[k], "0123456789") || loneDigitSpeck(r, f[k]))
		if !speck && !leaderWord(f[k]) {
			break
		}
		if v, ok := r.parse(strings.Join(f[k+1:], " ")); ok {
			return v, true
		}
	}
	return nil, false
}

// loneDigitSpeck reports whether a mark before a figure is a speck OCR read
// as a digit: a colon read with a speck beside it ("LOAN AMT   2: 360,100.00",
// "APR   2: 6.77%"), or, before a rate, one digit alone ("APR   2 6.23"),
// which joined to the rate would make none a loan has (26.23 %).
func loneDigitSpeck(r fieldRule, mark string) bool {
	if len(mark) == 2 && mark[0] >= '0' && mark[0] <= '9' && mark[1] == ':' {
		return true
	}
	if r.name != pipeline.FieldAPR && r.name != pipeline.FieldInterestRate {
		return false
	}
	d := strings.TrimRight(mark, ".:;,")
	return len(d) == 1 && d[0] >= '0' && d[0] <= '9'
}

// repeatedMarks reports whether s is only marks and words of one letter
// written three times or more ("SSS", "eeee"): OCR's reading of a speckled
// or shaded cell, never a word.
func repeatedMarks(s string) bool {
	words := strings.Fields(s)
	seen := false
	for _, w := range words {
		w = strings.Trim(w, ".,:;'\"-")
		if w == "" {
			continue
		}
		if len(w) < 3 || strings.Count(strings.ToLower(w), strings.ToLower(w[:1])) != len(w) || !unicode.IsLetter(rune(w[0])) {
			return false
		}
		seen = true
	}
	return seen
}

// leaderWord reports whether a word is OCR's reading of a dot leader as
// letters ("aleacheeteessed $511,100.00"): six small letters or more, one
// of them three times or more, as the same dots read the same.
func leaderWord(w string) bool {
	if len(w) < 6 {
		return false
	}
	var count [26]int
	most := 0
	for i := range len(w) {
		c := w[i]
		if c < 'a' || c > 'z' {
			return false
		}
		count[c-'a']++
		most = max(most, count[c-'a'])
	}
	return most >= 3
}

// leaderDigitsRe is a dot leader OCR read as dots and digits
// ("..2.0.0.20"): three stops or more and no run of three digits, which no
// figure, date or number prints.
var leaderDigitsRe = regexp.MustCompile(`^[.\d]*$`)

// leaderDigits reports whether a cell is a dot leader read as digits.
func leaderDigits(s string) bool {
	if !leaderDigitsRe.MatchString(s) || strings.Count(s, ".") < 3 {
		return false
	}
	run := 0
	for i := range len(s) {
		if s[i] == '.' {
			run = 0
		} else if run++; run >= 3 {
			return false
		}
	}
	return true
}

// marksOnly reports whether s has neither a letter nor a digit: specks.
func marksOnly(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// noiseCell reports whether text could be OCR's reading of specks before a
// figure: one or two words, no digit, no label nor a word of one.
func noiseCell(t string) bool {
	words := strings.Fields(t)
	if len(words) > 2 || strings.ContainsAny(t, "0123456789") || isLabelText(t) {
		return false
	}
	for _, w := range words {
		if w = strings.ToLower(strings.Trim(w, ".,:;&")); notNameWords[w] || formWords[w] {
			return false // "Principal   Interest   $2,788.22": a label's words, its "&" lost
		}
	}
	return true
}

// junkCell reports whether a cell holds no letter or digit: a dot leader,
// a rule or a speck read by OCR.
func junkCell(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// valueFillsCell reports whether a cell is a value rather than a sentence
// that happens to start with one.
func valueFillsCell(s string) bool {
	return len(strings.Fields(s)) <= 8 || fullAddressRe.FindString(s) == strings.TrimSpace(s)
}

// method is how a value was found; it sets the value's confidence.
type method int

const (
	byLabel        method = iota // after its label, in its cell or the next
	byLabelBelow                 // alone in the cell under its label
	byLabelBeside                // to the right of a labelled paragraph
	byRepeat                     // a loan ID the document repeats
	byProse                      // in a sentence
	byLetterhead                 // a lender's name atop the first page
	byLetterDate                 // a date atop a letter
	byAddressee                  // a letter's addressee taken for the borrower
	bySignature                  // the company signing a letter
	byAmortization               // the one amount the loan's figures give
)

// hit is a value found in the text, and where and how it was found.
type hit struct {
	value           any
	page, line, col int
	how             method
	// unproven is a value that OCR may have misread, kept only when the
	// loan's other figures agree with it (readMisreadRates).
	unproven bool
}

func attach(v any, page, line, col int) hit {
	return hit{value: v, page: page, line: line, col: col}
}

func toFields(found map[string]hit) pipeline.Fields {
	var f pipeline.Fields
	str := func(k string) string {
		switch v := found[k].value.(type) {
		case string:
			return v
		case street:
			return string(v)
		}
		return ""
	}
	i64 := func(k string) int64 { v, _ := found[k].value.(int64); return v }
	f.LoanID = str(pipeline.FieldLoanID)
	f.BorrowerName = str(pipeline.FieldBorrower)
	f.LenderName = str(pipeline.FieldLender)
	f.LoanAmountCents = i64(pipeline.FieldLoanAmount)
	f.InterestRatePct, _ = found[pipeline.FieldInterestRate].value.(float64)
	f.APRPct, _ = found[pipeline.FieldAPR].value.(float64)
	f.TermMonths, _ = found[pipeline.FieldTerm].value.(int)
	f.MonthlyPaymentCents = i64(pipeline.FieldMonthlyPayment)
	f.ClosingCostsCents = i64(pipeline.FieldClosingCosts)
	f.IssueDate = str(pipeline.FieldIssueDate)
	f.PropertyAddress = str(pipeline.FieldProperty)
	return f
}
