package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"loanbatch/pipeline"
)

// The laid-out text of a page as lines of cells: what field extraction reads.

// cell is a run of text on a line, with its first column.
type cell struct {
	col  int
	text string
	// mended is a cell whose words OCR misread were mended to a label's
	// (mendLabel): a line read poorly.
	mended bool
}

type textLine struct {
	page  int
	cells []cell
	ocr   bool // the page's text is OCR's
}

// A cell is text without a run of three spaces, a bullet or a bar in it.
var cellRe = regexp.MustCompile(`[^\s•|]+(?:[ \t]{1,2}[^\s•|]+)*`)

func splitCells(line string) []cell {
	var out []cell
	for _, loc := range cellRe.FindAllStringIndex(line, -1) {
		start := loc[0]
		// In tight two-column forms "Lender:" may follow a value after only
		// two spaces: it starts a cell of its own.
		for _, m := range innerLabels(line[loc[0]:loc[1]]) {
			end := loc[0] + m
			out = append(out, cell{col: utf8.RuneCountInString(line[:start]), text: strings.TrimSpace(line[start:end])})
			start = end + strings.IndexFunc(line[end:], func(r rune) bool { return r != ' ' && r != '\t' })
		}
		out = append(out, cell{col: utf8.RuneCountInString(line[:start]), text: line[start:loc[1]]})
	}
	out = joinSpacedName(splitOverflowingLabels(out))
	// A currency sign printed apart from its amount ("Loan Amount $        280,000.00")
	// belongs to it, and a name spaced wide after its "&" ("IRONWOOD BANK &    TRUST")
	// or its comma goes on, as does an address after its city's comma
	// ("Cheyenne,       WY 82006").
	for i := 0; i+1 < len(out); i++ {
		if trailingCurrencyRe.MatchString(out[i].text) || strings.HasSuffix(out[i].text, " &") && startsWord(out[i+1].text) ||
			strings.HasSuffix(out[i].text, ",") && (companySuffixRe.MatchString(out[i+1].text) || stateZIPRe.MatchString(out[i+1].text)) {
			out[i].text += " " + out[i+1].text
			out = slices.Delete(out, i+1, i+2)
		}
	}
	return out
}

// joinSpacedName is a line that is one company's name spaced wide across
// a letterhead ("Clearwater     Financial     Services,     LLC") as one
// cell: three or more cells, each a single capitalised word, together
// ending like an organisation's name (two, "Title   Company", are a table's
// headings). Any other line is left as it is.
func joinSpacedName(cells []cell) []cell {
	if len(cells) < 3 {
		return cells
	}
	words := make([]string, len(cells))
	for i, c := range cells {
		r, _ := utf8.DecodeRuneInString(c.text)
		if strings.ContainsAny(c.text, " \t") || !unicode.IsUpper(r) && c.text != "&" {
			return cells
		}
		words[i] = c.text
	}
	joined := strings.Join(words, " ")
	if !orgEndRe.MatchString(joined) {
		return cells
	}
	return []cell{{col: cells[0].col, text: joined}}
}

var (
	// companySuffixRe is a company's legal form, which a wide letterhead may
	// print apart from its name ("BRIDGEWATER LENDING GROUP,      INC.").
	companySuffixRe    = regexp.MustCompile(`^(?i:inc|llc|l\.l\.c|n\.\s?a|fsb|corp|co|ltd|llp|lp)\.?$`)
	trailingCurrencyRe = regexp.MustCompile(`(?:^|\s)(?:\$|US\$|USD)$`)
	stateZIPRe         = regexp.MustCompile(`^[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b`)
	innerLabelRe       = regexp.MustCompile(`\s{2,}\p{Lu}\pL*(?:\s\pL+){0,2}\.?:`)
	dotLeaderRe        = regexp.MustCompile(`\.{3,}\s*:?`)
	wordStartRe        = regexp.MustCompile(`\s\S`)
)

// innerLabels returns where labels start inside a cell: "Lender:" after two
// spaces, or, in a dot-leader printout whose columns are one space apart
// ("WHITAKER, TANYA P&I PMT......: 4,071.72"), the longest label of the
// field table that ends at a leader after a value.
func innerLabels(text string) []int {
	var out []int
	for _, m := range innerLabelRe.FindAllStringIndex(text, -1) {
		out = append(out, m[0])
	}
	leaders := dotLeaderRe.FindAllStringIndex(text, 8)
	for k := 1; k < len(leaders); k++ {
		from, to := leaders[k-1][1], leaders[k][0]
		for _, w := range wordStartRe.FindAllStringIndex(text[from:to], -1) {
			if start := from + w[0]; isLabelText(text[start:to]) && start > from+1 {
				out = append(out, start)
				break
			}
		}
	}
	sort.Ints(out)
	return out
}

func documentLines(pages []pipeline.PageText) []textLine {
	var out []textLine
	for _, p := range pages {
		var page [][]cell
		for _, l := range strings.Split(p.Text, "\n") {
			cells := splitCells(l)
			if p.Source == pipeline.SourceOCR {
				for i := range cells {
					mended := mendLabel(cells[i].text)
					cells[i].mended = !sameLetters(mended, cells[i].text) // not a stop for a colon ("Re: Loan")
					cells[i].text = mended
				}
			}
			page = append(page, cells)
		}
		for _, cells := range splitAtColumns(page) {
			out = append(out, textLine{page: p.Page, cells: cells, ocr: p.Source == pipeline.SourceOCR})
		}
	}
	return out
}

// columnReach is how many lines above and below a line the columns of its
// table are looked for, and columnSlack how far, in characters, a word may
// stand from a column's start and still begin it (a laid-out page's
// columns are approximate: its fonts are proportional).
const (
	columnReach = 6
	columnSlack = 2
)

// splitAtColumns splits a cell where a label begins at the start of a
// column of the table around it: in a tight grid a long value runs into
// the next column's label with one space between them ("Loan Type   FHA
// Fixed Rate Monthly Payment (P&I) $646.92", where the lines above and
// below start their second label column where "Monthly" stands). The
// column is two or more other lines' cells starting there. Only a value
// is split, a cell after another on its line that is no label; the words
// split off must
// begin with a label of the field table two words long or more ("Rate"
// alone ends many a label and a product's name), and the words left must
// not be a label.
func splitAtColumns(lines [][]cell) [][]cell {
	starts := func(i int) map[int]int {
		seen := map[int]int{}
		for j := max(0, i-columnReach); j <= min(len(lines)-1, i+columnReach); j++ {
			if j == i {
				continue
			}
			for k, c := range lines[j] {
				if k > 0 {
					seen[c.col]++
				}
			}
		}
		return seen
	}
	for i, cells := range lines {
		var cols map[int]int
		for k := 1; k < len(cells); k++ {
			c := cells[k]
			words := wordStartRe.FindAllStringIndex(c.text, -1)
			if len(words) == 0 || startsWithLabel(c.text) || isLabelText(c.text) {
				continue // a label, or a heading of a grid ("ANNUAL PERCENTAGE RATE (APR)")
			}
			if cols == nil {
				cols = starts(i)
			}
			for _, w := range words {
				at := w[0] + 1
				col := c.col + utf8.RuneCountInString(c.text[:at])
				if !columnAt(cols, col) || !startsWithLabel(c.text[at:]) || isLabelText(c.text[:at]) ||
					!valueFollows(c.text[at:], cells[k+1:]) {
					continue
				}
				cells[k].text = strings.TrimSpace(c.text[:at])
				cells = slices.Insert(cells, k+1, cell{col: col, text: c.text[at:], mended: c.mended})
				break
			}
		}
		lines[i] = cells
	}
	return lines
}

// valueFollows tells whether a label split off a cell has its value: a
// figure after it in the cell, or a next cell that starts with one ("USD
// 1,040.74" too), or
// any next cell after its colon. A product's "Conventional Fixed Rate" at
// the end of a line is no label.
func valueFollows(label string, next []cell) bool {
	if strings.ContainsAny(label, "$0123456789") {
		return true
	}
	if len(next) == 0 {
		return false
	}
	return strings.HasSuffix(label, ":") || figureStartRe.MatchString(next[0].text)
}

// figureStartRe is a cell that starts with a figure.
var figureStartRe = regexp.MustCompile(`^(?:\$|US\$|USD|\d)`)

// columnAt tells whether two or more lines have a cell starting at col,
// give or take columnSlack.
func columnAt(cols map[int]int, col int) bool {
	n := 0
	for c := col - columnSlack; c <= col+columnSlack; c++ {
		n += cols[c]
	}
	return n >= 2
}

// startsWithLabel tells whether s begins with a label of the field table
// that ends before its value: the words before the first figure, or all of
// them.
func startsWithLabel(s string) bool {
	end := strings.IndexAny(s, "$0123456789")
	if end < 0 {
		end = len(s)
	}
	label := strings.Trim(s[:end], " :#.")
	if len(strings.Fields(label)) < 2 {
		return false
	}
	for _, re := range allLabels {
		if loc := re.FindStringIndex(label); loc != nil && loc[0] == 0 && loc[1] >= len(label)-1 {
			return true
		}
	}
	return false
}

// splitOverflowingLabels separates a label from the value run into it in a
// "KEY : value" printout whose value filled its column ("PROGRAM : 30 YR
// FIXED JUMB ISSUED   : 2024-05-20"): the last words of a value's cell
// (": 30 YR …", after its label's colon) are a label when the next cell
// starts with the colon.
func splitOverflowingLabels(cells []cell) []cell {
	for i := 0; i+1 < len(cells); i++ {
		if !strings.HasPrefix(cells[i+1].text, ":") || !strings.HasPrefix(cells[i].text, ":") {
			continue // only a value overflows: "APP DATE", "ISSUE DATE" are labels whole
		}
		words := wordStartRe.FindAllStringIndex(cells[i].text, -1)
		for k := max(0, len(words)-3); k < len(words); k++ {
			at := words[k][0] + 1
			if isLabelText(cells[i].text[at:]) {
				label := cell{col: cells[i].col + utf8.RuneCountInString(cells[i].text[:at]), text: cells[i].text[at:], mended: cells[i].mended}
				cells[i].text = strings.TrimSpace(cells[i].text[:at])
				cells = slices.Insert(cells, i+1, label)
				break
			}
		}
	}
	return cells
}

// startsWord reports whether s starts with a letter: a name's next word,
// not a value.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// sameLetters reports whether a and b have the same letters and digits, in
// order.
func sameLetters(a, b string) bool {
	keep := func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}
	return strings.Map(keep, a) == strings.Map(keep, b)
}
