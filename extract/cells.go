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
	// or its comma goes on.
	for i := 0; i+1 < len(out); i++ {
		if trailingCurrencyRe.MatchString(out[i].text) || strings.HasSuffix(out[i].text, " &") && startsWord(out[i+1].text) ||
			strings.HasSuffix(out[i].text, ",") && companySuffixRe.MatchString(out[i+1].text) {
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
		for _, l := range strings.Split(p.Text, "\n") {
			cells := splitCells(l)
			if p.Source == pipeline.SourceOCR {
				for i := range cells {
					cells[i].text = mendLabel(cells[i].text)
				}
			}
			out = append(out, textLine{page: p.Page, cells: cells})
		}
	}
	return out
}

// splitOverflowingLabels separates a label from the value run into it in a
// "KEY : value" printout whose value filled its column ("PROGRAM : 30 YR
// FIXED JUMB ISSUED   : 2024-05-20"): the last words of a cell are a label
// when the next cell starts with the colon.
func splitOverflowingLabels(cells []cell) []cell {
	for i := 0; i+1 < len(cells); i++ {
		if !strings.HasPrefix(cells[i+1].text, ":") {
			continue
		}
		words := wordStartRe.FindAllStringIndex(cells[i].text, -1)
		for k := max(0, len(words)-3); k < len(words); k++ {
			at := words[k][0] + 1
			if isLabelText(cells[i].text[at:]) {
				label := cell{col: cells[i].col + utf8.RuneCountInString(cells[i].text[:at]), text: cells[i].text[at:]}
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
