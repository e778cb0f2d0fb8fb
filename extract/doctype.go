package extract

import (
	"regexp"
	"strings"
	"unicode"

	"loanbatch/pipeline"
)

// The other forms of a real loan file: the loan application (URLA, Form
// 1003/65), the underwriting summary (Form 1008/1077), the promissory Note
// and the servicer's periodic mortgage statement. Each says what it is in
// its title, its footer's form number and the section names only it prints;
// a form named in a sentence ("sign the Note at closing", "see your
// monthly statement", "a signed Form 1003") is a reference, not a title.
// Each also prints its fields in its own way, and some figures it prints
// are not the loan's: a statement's principal balance, amount due or one
// month's principal is not the loan amount, a 1003's agency case number
// is not the lender's loan number. formSpec says, per type, where each
// field is printed and which fields the form never prints (left empty
// rather than guessed).

// formSpec is one document type's evidence and field layout.
type formSpec struct {
	typ pipeline.DocumentType
	// titles are the form's titles as a cell alone near the top of the
	// first page, read forgivingly (see sameTitle); titleRe is a title with
	// variants.
	titles  []string
	titleRe *regexp.Regexp
	// titleWeight is what a title counts; a Note's one-word title needs a
	// sentence of a Note's body besides.
	titleWeight int
	// footerRe is a cell carrying the form's number, as its footer prints it.
	footerRe *regexp.Regexp
	// marks are section names and labels only this form prints, each
	// starting a cell; phrases are sentences only this form's body says.
	marks   []*regexp.Regexp
	phrases []*regexp.Regexp
	// labels replace the field table's labels for a field; skip lists the
	// fields the form never prints; prose, when set, are the only sentences
	// read for values (an empty set reads none).
	labels map[string][]*regexp.Regexp
	skip   map[string]bool
	prose  []proseRule
	// lastOfRow takes the last of several values beside a label: the
	// 1003's "Present" and "Proposed" housing expense columns.
	lastOfRow bool
	// find fills fields the form prints in its own way.
	find func(lines []textLine, found map[string]hit)
}

// formEvidence is the score a form's signs must reach.
const formEvidence = 4

// romanItem and numItem are a section's number before its name: "VII.", "4.".
var (
	romanItem = `(?:[IVX]{1,4}[.)]\s*)?`
	numItem   = `(?:\d{1,2}[.)]?\s*)?`
	// footerTail is what follows a form number in a footer: a revision
	// date, "Effective", a page number or nothing; never a sentence.
	footerTail = `(?:\s*$|\s*[•·|(]|\s+(?:\d{1,2}/\d{2,4}|effective|rev\b|page\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}))`
)

// marksRe compiles section names that start a cell, case-insensitively.
func marksRe(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`(?i)^` + p)
	}
	return out
}

// phrasesRe compiles sentences found anywhere in the text, case-insensitively.
func phrasesRe(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`(?i)` + p)
	}
	return out
}

var forms = []formSpec{
	{
		typ:         pipeline.TypeLoanApplication,
		titles:      []string{"uniform residential loan application", "residential loan application"},
		titleWeight: 4,
		footerRe:    regexp.MustCompile(`(?i)^(?:uniform\s+residential\s+loan\s+application\s*)?(?:freddie\s*mac|fannie\s*mae)\s+form\s+(?:65|1003)\b` + footerTail),
		marks: marksRe(
			romanItem+`type\s+of\s+mortgage\s+and\s+terms\s+of\s+loan`, romanItem+`property\s+information\s+and\s+purpose\s+of\s+loan`,
			romanItem+`monthly\s+income\s+and\s+combined\s+housing\s+expense`, romanItem+`details\s+of\s+transaction`,
			romanItem+`information\s+for\s+government\s+monitoring`, `to\s+be\s+completed\s+by\s+the\s+lender`,
			`section\s+\d\s*:\s*borrower\s+information`, `section\s+\d\s*:\s*loan\s+and\s+property\s+information`,
			`section\s+\d\s*:\s*demographic\s+information`, `section\s+\d\s*:\s*loan\s+originator\s+information`,
			`section\s+\d\s*:\s*financial\s+information`, `section\s+\d\s*:\s*military\s+service`,
			`borrower'?s\s+name\s+\(include\s+jr`, `lender\s+loan\s+no\.?\s*/\s*universal\s+loan\s+identifier`,
		),
		labels: map[string][]*regexp.Regexp{
			// the lender's number before the agency's (FHA/VA case number)
			pipeline.FieldLoanID: anywhereLabels(
				`lender\s*loan\s*(?:n[o0]\.?|number|#)(?:\s*/\s*universal\s*loan\s*identifier)?`, `lender\s*case\s*(?:n[o0]\.?|number|#)`,
				`lo[a@]n\s*(?:n[o0]\.|number|#)`, `universal\s*loan\s*identifier`, `agency\s*case\s*(?:n[o0]\.?|number|#)`,
			),
			pipeline.FieldBorrower: labels(
				`borrower'?s\s*name\s*\(include\s*jr\.?\s*or\s*sr\.?\s*if\s*applicable\)`, `name\s*\(first,?\s*middle,?\s*last,?\s*suffix\)`,
				`borrower(?:'s)?\s*name`, `borrower`,
			),
			pipeline.FieldLender: labels(
				`lender(?:\s*name)?`, `(?:name\s*and\s*address\s*of\s*)?interviewer'?s\s*employer`,
				`loan\s*originator\s*organization(?:\s*name)?`,
			),
			pipeline.FieldLoanAmount: labels(`(?:base\s*)?loan\s*amount`, `amount`),
			pipeline.FieldInterestRate: labels(
				`(?:initial\s*)?interest\s*rate`, `note\s*rate`,
			),
			pipeline.FieldTerm: labels(`loan\s*term`, `no\.?\s*of\s*months`),
			pipeline.FieldMonthlyPayment: labels(
				`(?:proposed\s*monthly\s*payment\s*for\s*property\s*)?first\s*mortgage\s*\(?p\s*&\s*i\)?`,
				`(?:monthly\s*)?principal\s*(?:&|and)\s*interest`,
			),
			pipeline.FieldIssueDate: labels(`date\s*prepared`, `application\s*date`, `date\s*of\s*application`),
			pipeline.FieldProperty: labels(
				`subject\s*property\s*address(?:\s*\(street,\s*city,\s*state\s*(?:&|and)\s*zip(?:\s*code)?\))?`, `property\s*address`,
			),
		},
		skip:      map[string]bool{pipeline.FieldAPR: true, pipeline.FieldClosingCosts: true},
		prose:     []proseRule{},
		lastOfRow: true,
		find:      findURLAAddress,
	},
	{
		typ:         pipeline.TypeUnderwritingSummary,
		titles:      []string{"uniform underwriting and transmittal summary", "underwriting and transmittal summary"},
		titleWeight: 4,
		footerRe:    regexp.MustCompile(`(?i)^(?:uniform\s+underwriting\s+and\s+transmittal\s+summary\s*)?(?:freddie\s*mac|fannie\s*mae)\s+form\s+(?:1077|1008)\b` + footerTail),
		marks: marksRe(
			romanItem+`borrower\s+and\s+property\s+information`, romanItem+`mortgage\s+information`,
			romanItem+`underwriting\s+information`, romanItem+`seller,?\s+contract,?\s+and\s+contact\s+information`,
			`note\s+information`, `qualifying\s+ratios`, `underwriter'?s?\s+comments`, `level\s+of\s+property\s+review`,
			`seller\s+loan\s+no`, `initial\s+p\s*&\s*i\s+payment`,
		),
		labels: map[string][]*regexp.Regexp{
			// the seller's (lender's) number; an investor's is not the loan ID here
			pipeline.FieldLoanID:   labels(`seller\s*loan\s*(?:n[o0]\.?|number|#)`, `lender\s*loan\s*(?:n[o0]\.?|number|#)`, `lo[a@]n\s*(?:n[o0]\.|number|#)`),
			pipeline.FieldBorrower: labels(`borrower(?:'s)?\s*name`, `borrower`),
			pipeline.FieldLender:   labels(`seller\s*/\s*lender\s*name`, `seller\s*name`, `lender\s*name`, `lender`),
			pipeline.FieldLoanAmount: labels(
				`(?:original\s*)?loan\s*amount`, `note\s*amount`,
			),
			pipeline.FieldInterestRate:   labels(`(?:initial\s*)?note\s*rate`, `(?:initial\s*)?interest\s*rate`),
			pipeline.FieldTerm:           labels(`loan\s*term`),
			pipeline.FieldMonthlyPayment: labels(`initial\s*p\s*&\s*i(?:\s*payment)?`, `first\s*mortgage\s*\(?p\s*&\s*i\)?`),
			pipeline.FieldProperty:       labels(`property\s*address`, `subject\s*property(?:\s*address)?`),
		},
		skip:  map[string]bool{pipeline.FieldAPR: true, pipeline.FieldClosingCosts: true, pipeline.FieldIssueDate: true},
		prose: []proseRule{},
	},
	{
		typ:         pipeline.TypePromissoryNote,
		titles:      []string{"note", "fixed rate note", "adjustable rate note", "promissory note"},
		titleRe:     regexp.MustCompile(`(?i)^(?:(?:fixed|adjustable|variable|step|interest[\s-]*only|balloon|promissory|mortgage|secured|multistate)[\s-]*(?:rate[\s-]*)?)*note(?:\s*\([^)]{0,60}\))?$`),
		titleWeight: 2,
		footerRe:    regexp.MustCompile(`(?i)(?:^multistate\s+(?:fixed|adjustable)\s+rate\s+note|uniform\s+instrument\s+form\s+32\d\d\b)`),
		marks: marksRe(
			numItem+`borrower'?s\s+promise\s+to\s+pay`, numItem+`borrower'?s\s+right\s+to\s+prepay`,
			numItem+`borrower'?s\s+failure\s+to\s+pay\s+as\s+required`, numItem+`obligations\s+of\s+persons\s+under\s+this\s+note`,
			numItem+`uniform\s+secured\s+note`, `witness\s+the\s+hand`,
		),
		phrases: phrasesRe(
			`in\s+return\s+for\s+a\s+loan\s+that\s+I\s+have\s+received`, `this\s+amount\s+is\s+called\s+["“”]?principal`,
			`I\s+promise\s+to\s+pay\s+U\.?\s*S\.?\s*\$`,
		),
		labels: map[string][]*regexp.Regexp{
			// a Note names its maker in its signatures, its lender in a sentence
			pipeline.FieldBorrower:       labels(`borrower(?:\(s\)|s)?\s*names?`, `borrower(?:\(s\)|s)?`),
			pipeline.FieldLender:         labels(`lender\s*name`),
			pipeline.FieldLoanAmount:     labels(`(?:original\s*)?principal\s*amount`, `(?:original\s*)?(?:loan|note)\s*amount`),
			pipeline.FieldInterestRate:   labels(`(?:initial\s*)?interest\s*rate`, `note\s*rate`),
			pipeline.FieldTerm:           labels(`loan\s*term`, `term\s*of\s*(?:the\s*)?loan`),
			pipeline.FieldMonthlyPayment: labels(`(?:monthly\s*)?principal\s*(?:&|and)\s*interest(?:\s*payment)?`, `monthly\s*payment(?:\s*amount)?`),
			pipeline.FieldIssueDate:      labels(`note\s*date`, `date\s*of\s*(?:this\s*)?note`, `dated`, `date`),
			pipeline.FieldProperty:       labels(`property\s*address`),
		},
		skip:  map[string]bool{pipeline.FieldAPR: true, pipeline.FieldClosingCosts: true},
		prose: noteProse,
		find:  findNoteFields,
	},
	{
		typ: pipeline.TypeMortgageStatement,
		titles: []string{
			"mortgage statement", "monthly mortgage statement", "mortgage loan statement", "mortgage billing statement",
			"billing statement", "monthly billing statement", "mortgage account statement", "home loan statement",
		},
		titleRe: regexp.MustCompile(`(?i)^(?:monthly\s+|periodic\s+)?(?:residential\s+|home\s+)?(?:mortgage|loan|billing|mortgage\s+loan|mortgage\s+billing|mortgage\s+account|home\s+loan\s+account)\s+statement$|` +
			`^(?:monthly|periodic)\s+(?:billing\s+)?statement$`),
		titleWeight: 3,
		marks: marksRe(
			`explanation\s+of\s+amount\s+due`, `past\s+payments?\s+breakdown`, `transaction\s+activity`, `(?:total\s+)?amount\s+due(?:\s*:?\s*\$.*)?$`,
			`payment\s+due\s+date`, `statement\s+date`, `(?:outstanding|unpaid)\s+principal`, `principal\s+balance`,
			`paid\s+(?:last\s+month|year\s+to\s+date)`, `if\s+(?:your\s+)?payment\s+is\s+received\s+after`, `escrow\s+balance`,
			`regular\s+monthly\s+payment`, `delinquency\s+notice`,
		),
		labels: map[string][]*regexp.Regexp{
			pipeline.FieldLoanID: anywhereLabels(`lo[a@]n\s*(?:n[o0]\.?|number|num\.?|#)`, `account\s*(?:n[o0]\.?|number|#)`),
			pipeline.FieldBorrower: labels(
				`(?:primary\s*)?borrower(?:\(s\)|s)?(?:'s)?(?:\s*name(?:\(s\)|s)?)?`, `mortgagor(?:\(s\)|s)?`,
			),
			pipeline.FieldLender: labels(`(?:loan\s*|mortgage\s*)?servicer(?:\s*name)?`, `serviced\s*by`, `lender(?:\s*name)?`),
			// only the original amount is the loan's: the balance, the amount
			// due and one payment's principal are not
			pipeline.FieldLoanAmount: labels(
				`original\s*(?:loan\s*|principal\s*|note\s*|mortgage\s*)?(?:amount|balance)`, `original\s*principal`,
			),
			pipeline.FieldInterestRate: labels(`(?:current\s*|initial\s*|annual\s*)?interest\s*rate`, `note\s*rate`),
			pipeline.FieldTerm:         labels(`(?:original\s*)?loan\s*term`),
			pipeline.FieldMonthlyPayment: labels(
				`(?:monthly\s*)?principal\s*(?:&|and)\s*interest(?:\s*payment)?`, `(?:monthly\s*)?p\s*&\s*[il1](?:\s*(?:payment|pmt))?`,
			),
			pipeline.FieldIssueDate: labels(`statement\s*date`, `date\s*of\s*(?:this\s*)?statement`, `statement\s*closing\s*date`),
			pipeline.FieldProperty:  labels(`property\s*address`, `property`, `collateral(?:\s*address)?`),
		},
		skip:  map[string]bool{pipeline.FieldAPR: true, pipeline.FieldClosingCosts: true},
		prose: []proseRule{},
		find:  findStatementParties,
	},
}

// formOf returns a type's spec; false for the types the field table
// serves as it is.
func formOf(typ pipeline.DocumentType) (formSpec, bool) {
	for _, f := range forms {
		if f.typ == typ {
			return f, true
		}
	}
	return formSpec{}, false
}

// classifyForm names the loan-file form the text is, by the evidence of
// its title, footer, section names and body; false when none has enough.
func classifyForm(lines []textLine, text string) (pipeline.DocumentType, bool) {
	head := firstLines(lines, titleLines)
	best, bestScore := pipeline.TypeOther, 0
	for _, f := range forms {
		if s := f.score(head, lines, text); s >= formEvidence && s > bestScore {
			best, bestScore = f.typ, s
		}
	}
	return best, best != pipeline.TypeOther
}

// score weighs the signs that a text is this form: its title atop the
// first page, its footer, each of its section names once, its phrases.
func (f formSpec) score(head, lines []textLine, text string) int {
	score := 0
	for _, l := range head {
		if len(l.cells) > 3 {
			continue // a title stands alone, or beside a letterhead, a date or a page number
		}
		for _, c := range l.cells {
			if f.isTitle(c.text) {
				score = f.titleWeight
			}
		}
	}
	seen := map[int]bool{}
	footer := false
	for _, l := range lines {
		for _, c := range l.cells {
			t := strings.TrimSpace(c.text)
			if len(strings.Fields(t)) > 16 {
				continue // a sentence, not a heading
			}
			if f.footerRe != nil && f.footerRe.MatchString(t) {
				footer = true
			}
			for i, re := range f.marks {
				if !seen[i] && re.MatchString(t) {
					seen[i] = true
				}
			}
		}
	}
	if footer {
		score += 3
	}
	score += len(seen)
	for _, re := range f.phrases {
		if re.MatchString(text) {
			score += 2
		}
	}
	return score
}

// isTitle reports whether a cell is the form's title.
func (f formSpec) isTitle(s string) bool {
	s = strings.Trim(s, " :•|*")
	if f.titleRe != nil && f.titleRe.MatchString(s) {
		return true
	}
	for _, t := range f.titles {
		if sameTitle(s, t) {
			return true
		}
	}
	return false
}

// sameTitle compares a cell with a title as OCR reads it: case, spacing and
// punctuation aside, with one misread letter in ten ("Uniform Residentia1
// Loan App1ication").
func sameTitle(cell, title string) bool {
	a, b := titleKey(cell), titleKey(title)
	if len(a) < len(b)-3 || len(a) > len(b)+3 {
		return false
	}
	return editDistance(a, b) <= len(b)/10
}

// titleKey keeps a title's letters, lower case, with the digits OCR reads
// for letters turned back into them.
func titleKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '1' || r == '|':
			b.WriteRune('l')
		case r == '0':
			b.WriteRune('o')
		case r == '5':
			b.WriteRune('s')
		case unicode.IsLetter(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// editDistance is the Levenshtein distance between two strings, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// rulesFor is the field table as a document type prints its fields.
func rulesFor(typ pipeline.DocumentType) []fieldRule {
	f, ok := formOf(typ)
	if !ok {
		return fieldTable
	}
	var out []fieldRule
	for _, r := range fieldTable {
		if f.skip[r.name] {
			continue
		}
		if ls, ok := f.labels[r.name]; ok {
			r.labels = ls
		}
		out = append(out, r)
	}
	return out
}

// lastOfRowFor reports whether a type's rows of several values end with
// the one that counts: a Closing Disclosure's final figures, a 1003's
// proposed housing expense.
func lastOfRowFor(typ pipeline.DocumentType) bool {
	if typ == pipeline.TypeClosingDisclosure {
		return true
	}
	f, _ := formOf(typ)
	return f.lastOfRow
}

// proseFor reads the sentences a type's values are printed in.
func proseFor(typ pipeline.DocumentType, pages []pipeline.PageText) map[string]hit {
	if f, ok := formOf(typ); ok && f.prose != nil {
		return findProseBy(pages, f.prose)
	}
	return findProse(pages)
}

// completeForm fills the fields a type prints in its own way, where the
// field table found none.
func completeForm(typ pipeline.DocumentType, lines []textLine, found map[string]hit) {
	if f, ok := formOf(typ); ok && f.find != nil {
		f.find(lines, found)
	}
}

// unprintedReason says why a key field is missing from a type that does
// not print it: review notes it instead of asking for a check.
func unprintedReason(typ pipeline.DocumentType, field string) string {
	if typ == pipeline.TypeMortgageStatement && field == pipeline.FieldLoanAmount {
		return "no original loan amount on the statement (its balance is not the loan amount)"
	}
	return ""
}
