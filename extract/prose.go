package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"loanbatch/pipeline"
)

// money is an amount in a sentence, after an optional "U.S." ("I promise to
// pay U.S. $ 555,000.00").
const money = `(?:U\.S\.\s*)?((?:USD|USS?\$|\$)\s?[\d,.]{1,20}(?: ,\d{3}(?:\.\d{2})?)?)` // "$1 ,025.52": OCR's space

// proseRule reads a field from the first group of a sentence's pattern.
type proseRule struct {
	field string
	re    *regexp.Regexp
	parse func(string) (any, bool)
}

var proseRules = []proseRule{
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\b(?:loan|mortgage)(?:\s+amount)?\s+(?:of|for|in the amount of)\s+(?:up to\s+)?` + money), amountValue},
	// "in the amount of" names the loan's amount only when the loan is named
	// just before ("approved your loan request in the amount of"), not cash
	// to close, insurance cover or a gift.
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\b(?:loan|mortgage|note|credit|approved|approval|commitment)\b[^.$]{0,40}?\bin the (?:principal )?amount of\s+` + money), amountValue},
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\bpromise to pay\s+` + money), amountValue},
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\b(?:are|is|been|was)\s+(?:pre-?)?approved\s+for\s+` + money), amountValue},
	{pipeline.FieldLoanAmount, regexp.MustCompile(`(?i)\b(?:a|an)\s+((?:USD|US\$|\$)\s?[\d,.]{1,20})\s+(?:\S+\s+){0,3}?(?:loan|mortgage)\b`), amountValue},
	{pipeline.FieldAPR, regexp.MustCompile(`(?i)\b(?:annual percentage rate|APR)(?:\s*\(APR\))?\s+(?:of|is|will be)\s+([\d.,]{1,8}\s?(?:%|percent))`), percentValue},
	{pipeline.FieldAPR, regexp.MustCompile(`(?i)\(\s*([\d.,]{1,8}\s?%)\s*APR\s*[)}\]]`), percentValue}, // "(6.078% APR}": OCR's brace
	{pipeline.FieldInterestRate, regexp.MustCompile(`(?i)\b(?:interest|note|yearly)?\s*rate\s+of\s+([\d.,]{1,8}\s?(?:%|percent))`), percentValue},
	{pipeline.FieldInterestRate, regexp.MustCompile(`(?i)\bat\s+([\d.,]{1,8}\s?(?:%|percent))\s+(?:fixed|interest|per annum|annually|\(\s*[\d.,]{1,8}\s?%\s*APR)`), percentValue},
	{pipeline.FieldTerm, regexp.MustCompile(`(?i)\b(\d{1,3}[- ]years?)\s+(?:fixed|adjustable|loan|term|mortgage|amortiz)`), termValue},
	{pipeline.FieldTerm, regexp.MustCompile(`(?i)\b(?:for|term of|over|amortized over)\s+(\d{1,3}\s+(?:years|months))\b`), termValue},
	{pipeline.FieldMonthlyPayment, regexp.MustCompile(`(?i)\b(?:monthly|principal and interest|P&I)(?: principal and interest)? payments?\s+(?:of|will be|is|are)\s+(?:approximately\s+)?` + money), paymentValue},
	{pipeline.FieldClosingCosts, regexp.MustCompile(`(?i)\bclosing costs\s+(?:of|are estimated at|estimated at|total(?:ing)?|will be|are|is)\s+(?:approximately\s+)?` + money), closingCostsValue},
	{pipeline.FieldLender, regexp.MustCompile(`((?:[A-Z][\w&'.-]*,?\s+|&\s+){1,6}?[A-Z][\w&'.-]*)\s*\(\s*(?:the\s+)?["“”']?Lender["“”']?\s*\)`), companyValue},
	{pipeline.FieldLender, regexp.MustCompile(`(?:^|\|\s*|\.\s+)((?:[A-Z][\w&'.-]*\s+){0,5}[A-Z][\w&'.-]*)\s+(?:is pleased to|has approved|hereby commits|commits to lend|agrees to lend)`), companyValue},
	{pipeline.FieldProperty, regexp.MustCompile(`(?i)\b(?:(?:property|premises|home)\s+(?:located\s+|situated\s+)?at|to (?:purchase|refinance))\s+(\d[^|]{5,80}?\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?)`), addressValue},
	{pipeline.FieldBorrower, regexp.MustCompile(`\b(?:[Bb]orrower(?:\(s\)|s)?|[Aa]pplicant(?:\(s\)|s)?)\s*[:,]?\s+((?:[A-Z][a-zA-Z'.-]*\s+){1,3}[A-Z][a-zA-Z'-]+)`), personValue},
}

// findProse reads fields from running text, each page's lines joined,
// cells kept apart by " | " so that a sentence never runs into the next
// column.
func findProse(pages []pipeline.PageText) map[string]hit { return findProseBy(pages, proseRules) }

// justified tells whether a line's cells are the words of one justified
// sentence that OCR's layout set wide apart ("Your   monthly   principal
// and   interest   payment   will   be   US$1,592.40"): four or more cells
// of one or two words, most of them in lower case.
func justified(cells []cell) bool {
	if len(cells) < 4 {
		return false
	}
	lower := 0
	for _, c := range cells {
		if len(strings.Fields(c.text)) > 2 {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(c.text); unicode.IsLower(r) {
			lower++
		}
	}
	return lower*2 > len(cells)
}

// cutSentenceRe is a cell that ends in a word no sentence ends in: the
// next cell goes on with it.
var cutSentenceRe = regexp.MustCompile(`\s(?:at|of|for|to|in|on|is|are|be|the|a|an|and|by|from|with)$`)

// OCR reads a speck between two words of a sentence as a stop, a colon or a
// quote, and runs them together: "fixed.loan", "costs.are", "at'$12,699.84",
// "4580'NE Birch Rd". A sentence's own stop is followed by a space, and an
// apostrophe between small letters ("lender's") is kept.
var (
	wordStopRe   = regexp.MustCompile(`(\p{Ll})[.:](\p{Ll})`)
	quoteMoneyRe = regexp.MustCompile(`(\p{Ll})['‘’](\$)`)
	numQuoteRe   = regexp.MustCompile(`(\d)['‘’:](\p{Lu})`)
)

// withoutJoinSpecks parts the words OCR's specks joined.
func withoutJoinSpecks(text string) string {
	text = wordStopRe.ReplaceAllString(text, "$1 $2")
	text = quoteMoneyRe.ReplaceAllString(text, "$1 $2")
	return numQuoteRe.ReplaceAllString(text, "$1 $2")
}

// findProseBy is findProse with a document type's own sentences.
func findProseBy(pages []pipeline.PageText, rules []proseRule) map[string]hit {
	out := map[string]hit{}
	for _, p := range pages {
		var b strings.Builder
		for _, l := range strings.Split(p.Text, "\n") {
			cells := splitCells(l)
			sep := " | "
			if justified(cells) {
				sep = " "
			}
			for i, c := range cells {
				if i > 0 && cutSentenceRe.MatchString(cells[i-1].text) {
					b.WriteString(" ") // "The property at   11871 E Whitmore Ct.": a gap OCR set in a sentence
				} else if i > 0 {
					b.WriteString(sep)
				}
				b.WriteString(c.text)
			}
			b.WriteString(" ")
		}
		text := withoutJoinSpecks(strings.Join(strings.Fields(b.String()), " "))
		for _, r := range rules {
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
