package pipeline

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Field extraction reads the laid-out text of a document (see layoutText):
// lines whose cells are separated by runs of three or more spaces. A field
// is found by a label and a value that parses: the value after the label in
// its cell, in the next cell of the line, or alone in the cell below it.
// Prose ("a loan of $312,500.00 at a fixed rate of 6.125%") is read when no
// label gave a value. A value that does not parse is never guessed.

// cell is a run of text on a line, with its first column.
type cell struct {
	col  int
	text string
}

type textLine struct {
	page  int
	cells []cell
}

// A cell is text without a run of three spaces, a bullet or a bar in it.
var cellRe = regexp.MustCompile(`[^\s•|]+(?:[ \t]{1,2}[^\s•|]+)*`)

func splitCells(line string) []cell {
	var out []cell
	for _, loc := range cellRe.FindAllStringIndex(line, -1) {
		start := loc[0]
		// In tight two-column forms "Lender:" may follow a value after only
		// two spaces: it starts a cell of its own.
		for _, m := range innerLabelRe.FindAllStringIndex(line[loc[0]:loc[1]], -1) {
			end := loc[0] + m[0]
			out = append(out, cell{col: utf8.RuneCountInString(line[:start]), text: strings.TrimSpace(line[start:end])})
			start = end + strings.IndexFunc(line[end:], func(r rune) bool { return r != ' ' && r != '\t' })
		}
		out = append(out, cell{col: utf8.RuneCountInString(line[:start]), text: line[start:loc[1]]})
	}
	return out
}

var innerLabelRe = regexp.MustCompile(`\s{2,}\p{Lu}\pL*(?:\s\pL+){0,2}\.?:`)

func documentLines(pages []PageText) []textLine {
	var out []textLine
	for _, p := range pages {
		for _, l := range strings.Split(p.Text, "\n") {
			out = append(out, textLine{page: p.Page, cells: splitCells(l)})
		}
	}
	return out
}

// fieldRule says how to find one field.
type fieldRule struct {
	labels []*regexp.Regexp // in order of preference, matched case-insensitively
	// parse reads a value at the start of s and returns it normalized.
	parse func(s string) (any, bool)
	// below allows the value to stand alone in the cell under the label.
	below bool
	// beside allows the value to stand alone to the right of a label that
	// starts a paragraph ("Annual Percentage Rate (APR). Your costs …  4.174%").
	beside bool
}

// labels compiles label patterns that start their cell, after an optional
// item letter ("J."); an optional parenthetical such as "(APR)" or
// "(Borrower-Paid)" and punctuation may follow.
func labels(patterns ...string) []*regexp.Regexp {
	return compileLabels(`^(?:[A-Z0-9]{1,2}[.)]\s*)?`, patterns)
}

// anywhereLabels compiles label patterns that may stand anywhere in a cell
// after a word boundary, as "PAGE 1 OF 3 LOAN ID # 123456789" footers do.
func anywhereLabels(patterns ...string) []*regexp.Regexp {
	return compileLabels(`(?:^|[^\pL\pN])`, patterns)
}

func compileLabels(prefix string, patterns []string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`(?i)` + prefix + `(?:` + p + `)(?:\s*\([^)]{0,30}\))?\s*[:#]?`)
	}
	return out
}

func moneyValue(s string) (any, bool) {
	c, ok := parseMoney(s, true)
	return c, ok && c > 0
}

func percentValue(s string) (any, bool) { return parsePercent(s) }
func termValue(s string) (any, bool)    { return parseTerm(s) }

// labelledTermValue also reads a bare number after a term label: "360"
// (months) or "30" (years), as term sheets print them.
func labelledTermValue(s string) (any, bool) {
	if m, ok := parseTerm(s); ok {
		return m, true
	}
	if m := bareNumberRe.FindStringSubmatch(trimLead(s)); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch {
		case n >= 60 && n <= 480:
			return n, true
		case n >= 5 && n <= 40:
			return n * 12, true
		}
	}
	return nil, false
}

var bareNumberRe = regexp.MustCompile(`^(\d{1,3})(?:\s|$)`)

func dateValue(s string) (any, bool) { return parseDate(s) }

var rules = map[string]fieldRule{
	"loan_id": {labels: anywhereLabels(
		`lo[a@]n\s*(?:[il1]d|identification)\s*(?:#|n[o0]\.?|number)?`,
		`lo[a@]n\s*(?:n[o0]\.|number|num\.?|#)`,
		`(?:application|case|file|reference)\s*(?:n[o0]\.|number|#)`,
	), parse: loanIDValue, below: true},
	"borrower_name": {labels: labels(
		`borrower(?:\(s\)|s)?(?:\s*name(?:\(s\)|s)?)?`, `applicant(?:\(s\)|s)?(?:\s*name)?`, `mortgagor(?:\(s\)|s)?`,
	), parse: personValue, below: true},
	"lender_name": {labels: labels(
		`lender(?:\s*name)?`, `creditor`, `mortgagee`,
	), parse: companyValue, below: true},
	"loan_amount_cents": {labels: labels(
		`(?:base |total |principal )?loan\s*amount(?:\s*requested)?`, `principal\s*amount(?:\s*of\s*(?:the\s*)?loan)?`,
		`amount\s*of\s*(?:the\s*)?loan`, `mortgage\s*amount`, `note\s*amount`, `principal(?:\s*balance)?`, `amount\s*financed`,
	), parse: moneyValue, below: true},
	"interest_rate_pct": {labels: labels(
		`(?:initial\s*|annual\s*)?interest\s*rate`, `note\s*rate`, `contract\s*rate`, `fixed\s*rate`, `rate:`,
	), parse: percentValue, below: true},
	"apr_pct": {labels: labels(
		`annual\s*percentage\s*rate`, `apr`,
	), parse: percentValue, below: true, beside: true},
	"term_months": {labels: labels(
		`loan\s*term`, `term\s*of\s*(?:the\s*)?loan`, `amortization\s*(?:term|period)`, `term`,
	), parse: labelledTermValue, below: true},
	"monthly_payment_cents": {labels: labels(
		`monthly\s*principal\s*(?:&|and)\s*interest(?:\s*payment)?`, `principal\s*(?:&|and)\s*interest(?:\s*payment)?`,
		`monthly\s*p\s*&\s*i(?:\s*payment)?`, `p\s*&\s*i(?:\s*payment)?`, `monthly\s*(?:mortgage\s*)?payment(?:\s*amount)?`,
		`monthly\s*installment`, `(?:regular\s*)?payment\s*amount`,
	), parse: moneyValue, below: true},
	"closing_costs_cents": {labels: labels(
		`(?:estimated\s*|total\s*|j\.\s*total\s*)?closing\s*costs`, `(?:estimated\s*|total\s*)?settlement\s*charges`,
	), parse: moneyValue, below: true},
	"issue_date": {labels: labels(
		`date\s*issued`, `issue\s*date`, `date\s*of\s*(?:this\s*)?(?:letter|commitment|notice|estimate|issue)`,
		`(?:commitment|approval|letter)\s*date`, `dated`, `date`,
	), parse: dateValue, below: true},
	"property_address": {labels: labels(
		`property\s*address`, `subject\s*property(?:\s*address)?`, `security\s*property`, `property\s*location`, `property`, `collateral`,
	), parse: addressValue, below: true},
}

// fieldOrder is the order fields are reported and searched in.
var fieldOrder = []string{
	"loan_id", "borrower_name", "lender_name", "loan_amount_cents", "interest_rate_pct", "apr_pct",
	"term_months", "monthly_payment_cents", "closing_costs_cents", "issue_date", "property_address",
}

// ExtractFields finds the loan fields and the document type in a
// document's pages.
func ExtractFields(pages []PageText) (Fields, DocumentType) {
	x := Extract(pages)
	return x.Fields, x.Type
}

// Extraction is what a document's text gave: the fields, the document type,
// each field's confidence (0–1) and page, and whether a person should check
// the result, and why.
type Extraction struct {
	Fields        Fields
	Type          DocumentType
	Confidence    map[string]float64
	Pages         map[string]int
	NeedsReview   bool
	ReviewReasons []string
}

// Extract reads the fields of a document's pages, with their confidence
// and the cross-checks of review.go.
func Extract(pages []PageText) Extraction {
	lines := documentLines(pages)
	typ := classify(pages)
	found := map[string]hit{}
	for _, name := range fieldOrder {
		if name == "loan_id" {
			if h, ok := findLoanID(lines); ok {
				found[name] = h
			}
			continue
		}
		if h, ok := findLabelled(lines, rules[name], typ == TypeClosingDisclosure); ok {
			found[name] = h
		}
	}
	for name, h := range findProse(pages) {
		if _, ok := found[name]; !ok {
			found[name] = h
		}
	}
	if h, ok := found["property_address"]; ok {
		h.value = completeAddress(lines, h)
		found["property_address"] = h
	}
	if _, ok := found["lender_name"]; !ok {
		if h, ok := lenderLetterhead(lines); ok {
			found["lender_name"] = h
		}
	}
	if blankForm(found) {
		// Names with no loan figure or loan ID are a blank or sample
		// form's examples, not a loan.
		found = map[string]hit{}
	}
	if _, ok := found["issue_date"]; !ok && (typ == TypeCommitmentLetter || typ == TypeOther) {
		if h, ok := letterDate(lines); ok {
			found["issue_date"] = h
		}
	}
	x := Extraction{Fields: toFields(found), Type: typ, Confidence: map[string]float64{}, Pages: map[string]int{}}
	if x.Pages == nil {
		x.Pages = map[string]int{}
	}
	ocrPage := map[int]bool{}
	for _, p := range pages {
		ocrPage[p.Page] = p.Source == SourceOCR
	}
	for name, h := range found {
		x.Confidence[name] = confidenceOf(h.how, ocrPage[h.page])
		x.Pages[name] = h.page
	}
	review(&x, time.Now())
	return x
}

// blankForm reports whether what was found is only names, dates and
// addresses: what the example rows of a blank form give.
func blankForm(found map[string]hit) bool {
	for k := range found {
		switch k {
		case "borrower_name", "lender_name", "property_address", "issue_date":
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
		for _, c := range l.cells {
			name := strings.TrimRight(strings.Join(strings.Fields(c.text), " "), " .,")
			if !letterheadSuffix.MatchString(name) || regexp.MustCompile(`^\pL[.)]\s`).MatchString(name) {
				continue
			}
			if v, ok := companyValue(name); ok {
				return hit{value: v, page: l.page, how: byLetterhead}, true
			}
		}
	}
	return hit{}, false
}

// letterDate reads the date a letter is dated with: a date alone in a cell
// near the top of its first page.
func letterDate(lines []textLine) (hit, bool) {
	for _, l := range firstLines(lines, headLines+5) {
		for _, c := range l.cells {
			if d, ok := parseDate(c.text); ok && len(strings.Fields(c.text)) <= 4 {
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
	for _, re := range r.labels {
		for li, l := range lines {
			for ci, c := range l.cells {
				if h, ok := valueAfterLabel(lines, li, ci, c, re, r, lastOfRow); ok {
					return h, true
				}
			}
		}
	}
	return hit{}, false
}

func valueAfterLabel(lines []textLine, li, ci int, c cell, re *regexp.Regexp, r fieldRule, lastOfRow bool) (hit, bool) {
	for _, loc := range re.FindAllStringIndex(c.text, -1) {
		rest := c.text[loc[1]:]
		if strings.TrimSpace(rest) != "" {
			if v, ok := r.parse(rest); ok {
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
			if v, ok := r.parse(next.text); ok {
				if lastOfRow {
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
		if r.below {
			if h, ok := valueBelow(lines, li, c, r); ok {
				h.how = byLabelBelow
				return h, true
			}
		}
	}
	return hit{}, false
}

// valueBelow looks for a value alone in a cell under the label's column on
// the next two lines of the same page.
func valueBelow(lines []textLine, li int, label cell, r fieldRule) (hit, bool) {
	end := label.col + len([]rune(label.text))
	for j := li + 1; j < len(lines) && j <= li+3; j++ {
		if lines[j].page != lines[li].page {
			break
		}
		for _, c := range lines[j].cells {
			cEnd := c.col + len([]rune(c.text))
			if c.col > end+2 || cEnd < label.col {
				continue
			}
			if c.col < label.col-12 {
				continue
			}
			if v, ok := r.parse(c.text); ok && valueFillsCell(c.text) {
				return attach(v, lines[j].page, j, c.col), true
			}
		}
	}
	return hit{}, false
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

// valueFillsCell reports whether a cell is a value rather than a sentence
// that happens to start with one.
func valueFillsCell(s string) bool { return len(strings.Fields(s)) <= 8 }

// method is how a value was found; it sets the value's confidence.
type method int

const (
	byLabel       method = iota // after its label, in its cell or the next
	byLabelBelow                // alone in the cell under its label
	byLabelBeside               // to the right of a labelled paragraph
	byRepeat                    // a loan ID the document repeats
	byProse                     // in a sentence
	byLetterhead                // a lender's name atop the first page
	byLetterDate                // a date atop a letter
)

// hit is a value found in the text, and where and how it was found.
type hit struct {
	value           any
	page, line, col int
	how             method
}

func attach(v any, page, line, col int) hit {
	return hit{value: v, page: page, line: line, col: col}
}

// ---- loan ID ----

var loanIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9\-/.]{2,29}`)

func loanIDValue(s string) (any, bool) {
	s = trimLead(s)
	s = strings.TrimLeft(s, "#:. ")
	m := loanIDRe.FindString(s)
	m = strings.TrimRight(m, ".-/")
	if len(m) < 4 || !strings.ContainsAny(m, "0123456789") {
		return nil, false
	}
	if strings.Trim(m, "0-") == "" || strings.Trim(strings.ToUpper(m), "X-") == "" {
		return nil, false // a form's placeholder, not a loan
	}
	if _, ok := parseDate(m); ok {
		return nil, false
	}
	// A token of letters with a digit or two is OCR noise or a word, not an ID.
	digits := 0
	for _, r := range m {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits*2 < len(m) {
		return nil, false
	}
	return strings.ToUpper(m), true
}

// findLoanID collects every labelled loan ID and keeps the one the
// document repeats most: forms confirm their loan ID in every page's
// footer, which outvotes a header whose text layer carries hidden digits.
func findLoanID(lines []textLine) (hit, bool) {
	count := map[string]int{}
	first := map[string]hit{}
	var order []string
	for _, re := range rules["loan_id"].labels {
		for li, l := range lines {
			for ci, c := range l.cells {
				h, ok := valueAfterLabel(lines, li, ci, c, re, rules["loan_id"], false)
				if !ok {
					continue
				}
				id := h.value.(string)
				if count[id] == 0 {
					order = append(order, id)
					first[id] = h
				}
				count[id]++
			}
		}
		if len(order) > 0 {
			break
		}
	}
	best := ""
	for _, id := range order {
		if count[id] > count[best] {
			best = id
		}
	}
	if best == "" {
		return hit{}, false
	}
	h := first[best]
	if count[best] > 1 {
		h.how = byRepeat
	}
	return h, true
}

// ---- names ----

// nextLabelRe finds where a value runs into the next column's label in a
// tight two-column form: a double space, or "Lender:" and the like.
var nextLabelRe = regexp.MustCompile(`\s{2,}|\s+\p{Lu}\pL*(?:\s\pL+){0,2}:(?:\s|$)`)

func cutAtNextLabel(s string) string {
	if loc := nextLabelRe.FindStringIndex(s); loc != nil {
		return s[:loc[0]]
	}
	return s
}

var labelWords = regexp.MustCompile(`(?i)^(?:borrower|co-borrower|applicant|lender|creditor|seller|property|loan|date|name|address|n/?a|tbd|none|and|the|of|your|mortgage broker|settlement agent|contact|see|page)s?\b`)

// personValue reads the first person named in s: "Michael Jones and Mary
// Stone" gives "Michael Jones".
func personValue(s string) (any, bool) {
	s = cutAtNextLabel(strings.TrimSpace(trimLead(s)))
	for _, sep := range []string{" and ", " & ", ";", ",", " AND "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return cleanName(s, false)
}

// letterheadSuffix is the stricter ending a name at the top of a page needs
// to be taken for the lender without a label.
var letterheadSuffix = regexp.MustCompile(`(?i)\b(?:bank|mortgage|lending|home loans|credit union|bancorp|savings bank|mortgage company|n\.a\.)$`)

// notNameWords never appear in a person's name; they mark a label or a
// phrase taken for one.
var notNameWords = map[string]bool{
	"not": true, "for": true, "did": true, "shop": true, "paid": true, "the": true, "of": true, "to": true,
	"by": true, "in": true, "on": true, "at": true, "per": true, "your": true, "our": true, "this": true,
	"that": true, "with": true, "from": true, "total": true, "amount": true, "fee": true, "fees": true,
	"loan": true, "closing": true, "costs": true, "cost": true, "funds": true, "signature": true, "date": true,
	"information": true, "services": true, "name": true, "address": true, "section": true, "page": true,
	"lender": true, "borrower": true, "borrowers": true, "applicant": true, "applicants": true, "seller": true,
	"property": true, "creditor": true, "co-borrower": true,
}

// companyValue reads a lender's name.
func companyValue(s string) (any, bool) {
	s = cutAtNextLabel(strings.TrimSpace(trimLead(s)))
	return cleanName(s, true)
}

func cleanName(s string, company bool) (any, bool) {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, " ,.;:")
	if s == "" || labelWords.MatchString(s) || strings.Contains(s, "__") {
		return nil, false
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 7 || sentenceRe.MatchString(s) {
		return nil, false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) && !(company && (unicode.IsDigit(r[0]) || r[0] == '&')) {
			return nil, false
		}
		if !company && (strings.ContainsAny(w, "0123456789@$%") || notNameWords[strings.ToLower(w)]) {
			return nil, false
		}
	}
	if !unicode.IsUpper([]rune(words[0])[0]) {
		return nil, false
	}
	if isAllCaps(s) {
		s = titleCase(s)
	}
	return s, true
}

// sentenceRe finds a sentence break ("details. See"), which no name has.
var sentenceRe = regexp.MustCompile(`\p{Ll}{2}\.\s+\p{Lu}`)

func isAllCaps(s string) bool {
	hasLetter := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		hasLetter = hasLetter || unicode.IsLetter(r)
	}
	return hasLetter
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// ---- addresses ----

// street is the first line of an address, to which the city line under it
// is joined.
type street string

var (
	streetRe   = regexp.MustCompile(`^\d{1,6}[A-Za-z]?\s+[A-Za-z0-9][A-Za-z0-9 .'#-]*[A-Za-z.]`)
	cityLineRe = regexp.MustCompile(`^[A-Za-z][A-Za-z .'-]+,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b`)
	zipTailRe  = regexp.MustCompile(`\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$`)
)

func addressValue(s string) (any, bool) {
	s = strings.Join(strings.Fields(trimLead(s)), " ")
	m := streetRe.FindString(s)
	if m == "" {
		return nil, false
	}
	// Keep "123 Main St, Springfield, IL 62704" when the whole address is on one line.
	if full := regexp.MustCompile(`^\d{1,6}[^|]*?\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?`).FindString(s); full != "" {
		m = full
	}
	return street(strings.TrimRight(m, " ,")), true
}

// completeAddress joins the city, state and ZIP line under a street line.
func completeAddress(lines []textLine, a hit) string {
	text := string(a.value.(street))
	if zipTailRe.MatchString(text) || a.how == byProse {
		return text
	}
	for j := a.line + 1; j < len(lines) && j <= a.line+2 && lines[j].page == a.page; j++ {
		for _, c := range lines[j].cells {
			if c.col >= a.col-3 && c.col <= a.col+3 {
				city := strings.Join(strings.Fields(c.text), " ")
				if m := cityLineRe.FindString(city); m != "" {
					return text + ", " + m
				}
			}
		}
	}
	return text
}

// ---- prose ----

var proseRules = []struct {
	field string
	re    *regexp.Regexp
	parse func(string) (any, bool)
}{
	{"loan_amount_cents", regexp.MustCompile(`(?i)\b(?:loan|mortgage)(?:\s+amount)?\s+(?:of|for|in the amount of)\s+((?:USD|US\$|\$)\s?[\d,.]+)`), moneyValue},
	{"loan_amount_cents", regexp.MustCompile(`(?i)\bin the (?:principal )?amount of\s+((?:USD|US\$|\$)\s?[\d,.]+)`), moneyValue},
	{"loan_amount_cents", regexp.MustCompile(`(?i)\b(?:a|an)\s+((?:USD|US\$|\$)\s?[\d,.]+)\s+(?:\S+\s+){0,3}?(?:loan|mortgage)\b`), moneyValue},
	{"apr_pct", regexp.MustCompile(`(?i)\b(?:annual percentage rate|APR)(?:\s*\(APR\))?\s+(?:of|is|will be)\s+([\d.,]+\s?(?:%|percent))`), percentValue},
	{"interest_rate_pct", regexp.MustCompile(`(?i)\b(?:interest|note)?\s*rate\s+of\s+([\d.,]+\s?(?:%|percent))`), percentValue},
	{"interest_rate_pct", regexp.MustCompile(`(?i)\bat\s+([\d.,]+\s?(?:%|percent))\s+(?:fixed|interest|per annum|annually)`), percentValue},
	{"term_months", regexp.MustCompile(`(?i)\b(\d{1,3}[- ]years?)\s+(?:fixed|adjustable|loan|term|mortgage|amortiz)`), termValue},
	{"term_months", regexp.MustCompile(`(?i)\b(?:for|term of|over|amortized over)\s+(\d{1,3}\s+(?:years|months))\b`), termValue},
	{"monthly_payment_cents", regexp.MustCompile(`(?i)\bmonthly (?:principal and interest )?payment(?:s)?\s+(?:of|will be|is|are)\s+((?:USD|US\$|\$)\s?[\d,.]+)`), moneyValue},
	{"closing_costs_cents", regexp.MustCompile(`(?i)\bclosing costs\s+(?:of|are estimated at|estimated at|total(?:ing)?|will be)\s+((?:USD|US\$|\$)\s?[\d,.]+)`), moneyValue},
	{"lender_name", regexp.MustCompile(`(?:^|\|\s*|\.\s+)((?:[A-Z][\w&'.-]*\s+){0,5}[A-Z][\w&'.-]*)\s+(?:is pleased to|has approved|hereby commits|commits to lend|agrees to lend)`), companyValue},
	{"property_address", regexp.MustCompile(`(?i)\b(?:property|premises|home)\s+(?:located\s+|situated\s+)?at\s+(\d[^|]{5,80}?\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?)`), addressValue},
	{"borrower_name", regexp.MustCompile(`\b(?:[Bb]orrower(?:\(s\)|s)?|[Aa]pplicant(?:\(s\)|s)?)\s*[:,]?\s+((?:[A-Z][a-zA-Z'.-]*\s+){1,3}[A-Z][a-zA-Z'-]+)`), personValue},
}

// findProse reads fields from running text, each page's lines joined,
// cells kept apart by " | " so that a sentence never runs into the next
// column.
func findProse(pages []PageText) map[string]hit {
	out := map[string]hit{}
	for _, p := range pages {
		var b strings.Builder
		for _, l := range strings.Split(p.Text, "\n") {
			for i, c := range splitCells(l) {
				if i > 0 {
					b.WriteString(" | ")
				}
				b.WriteString(c.text)
			}
			b.WriteString(" ")
		}
		text := strings.Join(strings.Fields(b.String()), " ")
		for _, r := range proseRules {
			if _, done := out[r.field]; done {
				continue
			}
			for _, m := range r.re.FindAllStringSubmatch(text, -1) {
				if v, ok := r.parse(m[1]); ok {
					out[r.field] = hit{value: v, page: p.Page, how: byProse}
					break
				}
			}
		}
	}
	return out
}

func toFields(found map[string]hit) Fields {
	var f Fields
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
	f.LoanID = str("loan_id")
	f.BorrowerName = str("borrower_name")
	f.LenderName = str("lender_name")
	f.LoanAmountCents = i64("loan_amount_cents")
	f.InterestRatePct, _ = found["interest_rate_pct"].value.(float64)
	f.APRPct, _ = found["apr_pct"].value.(float64)
	f.TermMonths, _ = found["term_months"].value.(int)
	f.MonthlyPaymentCents = i64("monthly_payment_cents")
	f.ClosingCostsCents = i64("closing_costs_cents")
	f.IssueDate = str("issue_date")
	f.PropertyAddress = str("property_address")
	return f
}

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
