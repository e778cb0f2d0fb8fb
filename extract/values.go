package extract

// Value readers for the fields found by a label: loan IDs, names and
// addresses. Each reads a value at the start of its text, or refuses.

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"loanbatch/pipeline"
)

var (
	loanIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9\-/.]{2,29}`)
	// splitIDTailRe is the rest of an ID after a space OCR put in it: digit
	// groups with dashes, and nothing else before the cell's end.
	splitIDTailRe = regexp.MustCompile(`^(?: -?\d[\d-]{0,12}){1,2}$`)
)

// leaderSpeckIDRe is one digit, or a digit and a colon, before an ID of
// six characters or more: a printout's leader dots read by OCR.
var leaderSpeckIDRe = regexp.MustCompile(`^\d:? +([A-Za-z0-9][A-Za-z0-9-]{5,})`)

func loanIDValue(s string) (any, bool) {
	trimmed := pipeline.TrimLead(s)
	if lead := s[:len(s)-len(trimmed)]; strings.HasSuffix(lead, "[") || strings.HasSuffix(lead, "[.") {
		return nil, false // "[.N-2024-133659": OCR read the ID's first letter as marks
	}
	s = trimmed
	s = strings.TrimLeft(s, "#:. ")
	s = dashSpaceRe.ReplaceAllString(s, "$1-$2") // "MTG- 14887505": OCR's space after the dash
	if m := leaderSpeckIDRe.FindStringSubmatchIndex(s); m != nil {
		s = s[m[2]:] // "LOAN NO   2 236474903222": a leader's dots read as a digit
	}
	m := loanIDRe.FindString(s)
	if next, _ := utf8.DecodeRuneInString(s[len(m):]); len(m) < len(s) && !unicode.IsSpace(next) && !strings.ContainsRune(",;:)]", next) {
		return nil, false // "LN-2024-7!": OCR lost the rest of the ID
	}
	if g := splitIDTailRe.FindString(s[len(m):]); g != "" && strings.ContainsAny(m, "0123456789") {
		m += strings.ReplaceAll(g, " ", "") // "LN-2026-732 139": OCR split the ID's digits
	}
	m = strings.TrimRight(m, ".-/")
	if len(m) < 4 || !strings.ContainsAny(m, "0123456789") {
		return nil, false
	}
	if strings.Trim(m, "0-") == "" || strings.Trim(strings.ToUpper(m), "X-") == "" {
		return nil, false // a form's placeholder, not a loan
	}
	if _, ok := pipeline.ParseDate(m); ok {
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
	return digitGroups(strings.ToUpper(m)), true
}

// dashSpaceRe is a dash inside an ID with a space after it, before its
// digits.
var dashSpaceRe = regexp.MustCompile(`^([A-Za-z0-9]+)- (\d)`)

// idStopRe is a stop between two digits of an ID.
var idStopRe = regexp.MustCompile(`(\d)\.(\d)`)

// digitGroups reads OCR's letters for digits in an ID of digit groups
// ("2024-S040-S6" for "2024-5040-56"): when the ID has dashes and every
// group is digits but for S, O, I or L among them, those are 5, 0, 1, 1.
// An ID with a group of letters ("MTG-1234") or a letter beside other
// letters ("LN2024-SO40") is left as it is.
func digitGroups(id string) string {
	if strings.Contains(id, "-") {
		id = idStopRe.ReplaceAllString(id, "$1-$2") // "2026-0080.57": OCR's stop for a dash
	}
	groups := strings.Split(id, "-")
	if len(groups) < 2 {
		return id
	}
	changed := false
	for i, g := range groups {
		letters := 0
		for _, r := range g {
			switch {
			case unicode.IsDigit(r):
			case strings.ContainsRune("SOIL", r):
				letters++
			default:
				return id
			}
		}
		if letters > 1 || letters == len(g) {
			return id
		}
		if letters == 1 {
			groups[i] = strings.NewReplacer("S", "5", "O", "0", "I", "1", "L", "1").Replace(g)
			changed = true
		}
	}
	if !changed {
		return id
	}
	return strings.Join(groups, "-")
}

// findLoanID collects every labelled loan ID and keeps the one the
// document repeats most: forms confirm their loan ID in every page's
// footer, which outvotes a header whose text layer carries hidden digits.
func findLoanID(lines []textLine, rule fieldRule) (hit, bool) {
	count := map[string]int{}
	first := map[string]hit{}
	printed := map[string]bool{} // read from a text layer at least once
	clean := map[string]bool{}   // read after a label OCR read right at least once
	var order []string
	for _, re := range rule.labels {
		for li, l := range lines {
			for ci, c := range l.cells {
				h, ok := valueAfterLabel(lines, li, ci, c, re, rule, false)
				if !ok {
					continue
				}
				id := h.value.(string)
				if count[id] == 0 {
					order = append(order, id)
					first[id] = h
				}
				count[id]++
				printed[id] = printed[id] || !l.ocr
				clean[id] = clean[id] || !c.mended
			}
		}
		if len(order) > 0 {
			break
		}
	}
	// OCR's reading of an ID that a text layer prints one character apart
	// ("38648313" on a scanned page, "J8648313" on a page with its text)
	// is a vote for the printed one.
	kept := order[:0:0]
	for _, id := range order {
		if printed[id] {
			kept = append(kept, id)
			continue
		}
		if j := slices.IndexFunc(order, func(p string) bool { return printed[p] && pipeline.OneApart(alnumKey(p), alnumKey(id)) }); j >= 0 {
			count[order[j]] += count[id]
			continue
		}
		kept = append(kept, id)
	}
	order = kept
	// The same ID read with a dash lost or put in ("7527 546-176" joined as
	// "7527546-176" beside "7527-546-176") is one vote; the reading with the
	// most separators stands for it, OCR dropping them more often than adding.
	votes := map[string]int{}
	for _, id := range order {
		votes[alnumKey(id)] += count[id]
	}
	best := ""
	for _, id := range order {
		k := alnumKey(id)
		switch {
		case best == "" || votes[k] > votes[alnumKey(best)]:
			best = id
		case k == alnumKey(best) && separators(id) > separators(best):
			best = id
		}
	}
	// A truncated copy ("2023-13" in a browser's print header) gives way to
	// the whole ID it begins, when the whole is printed as often (a form's
	// repeated footer ID still outvotes a header with hidden digits). A line
	// holding the whole with a space OCR put in ("MK20261 04495") prints it.
	for _, id := range order {
		if len(id) > len(best) && strings.HasPrefix(id, best) && max(count[id], linesHolding(lines, id)) >= count[best] {
			best = id
		}
	}
	if best == "" {
		return subjectLoanID(lines)
	}
	// Two OCR readings one character apart, as often each ("SY2024421943"
	// on one page, "SY2024121943" on the next): one is a misreading. The
	// one after a label OCR read right stands against one after a label it
	// misread too ("Loun Number 2025-3927-03"); else nothing tells which,
	// and neither is given.
	for _, id := range order {
		k := alnumKey(id)
		if k == alnumKey(best) || printed[best] || printed[id] || votes[k] != votes[alnumKey(best)] || !pipeline.OneApart(k, alnumKey(best)) {
			continue
		}
		switch {
		case clean[best] && !clean[id]:
		case clean[id] && !clean[best]:
			best = id
		default:
			return hit{}, false
		}
	}
	if count[best] == 1 {
		if h, ok := longerID(lines, rule, best); ok {
			return h, true
		}
	}
	h := first[best]
	if votes[alnumKey(best)] > 1 {
		h.how = byRepeat
	}
	return h, true
}

// strayLetter reports whether a name's first word is a lone capital
// without the stop an initial has, before a first name and a surname of two
// letters or more (initials between them have their stop): OCR's reading of
// a form field's bracket or bar.
func strayLetter(words []string) bool {
	r := []rune(words[0])
	if len(r) != 1 || !unicode.IsUpper(r[0]) {
		return false
	}
	full := func(w string) bool { // a first name or a surname
		k := []rune(w)
		return len(k) >= 2 && unicode.IsUpper(k[0]) && len(strings.TrimRight(w, ".")) >= 2
	}
	if !full(words[1]) || !full(words[len(words)-1]) {
		return false
	}
	for _, w := range words[2 : len(words)-1] { // middle names, or initials with their stop ("T NATALIE J. GARRISON")
		if !full(w) && !initialRe.MatchString(w) {
			return false
		}
	}
	return true
}

// initialRe is a middle initial with its stop.
var initialRe = regexp.MustCompile(`^\p{Lu}\.$`)

// linesHolding counts the lines whose letters and digits, spaces and
// marks left out, hold those of id.
func linesHolding(lines []textLine, id string) int {
	key, n := alnumKey(id), 0
	for _, l := range lines {
		var b strings.Builder
		for _, c := range l.cells {
			b.WriteString(alnumKey(c.text))
		}
		if strings.Contains(b.String(), key) {
			n++
		}
	}
	return n
}

// longerID finds the whole of an ID read once and cut short ("LOAN ID #
// 23708601" at a scanned page's edge) under another of the ID's labels
// ("LOAN NO. 237086017972").
func longerID(lines []textLine, rule fieldRule, id string) (hit, bool) {
	for _, re := range rule.labels {
		for li, l := range lines {
			for ci, c := range l.cells {
				h, ok := valueAfterLabel(lines, li, ci, c, re, rule, false)
				if v, _ := h.value.(string); ok && len(v) > len(id) && strings.HasPrefix(v, id) {
					return h, true
				}
			}
		}
	}
	return hit{}, false
}

// alnumKey is an ID's letters and digits.
func alnumKey(id string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, id)
}

// separators scores an ID's marks between its letters and digits: a dash,
// slash or space counts for it, a stop or comma against it (OCR's speck:
// "F.J2023111580" beside "FJ2023111580").
func separators(id string) int {
	n := 0
	for _, r := range id {
		switch {
		case strings.ContainsRune("-/_ ", r):
			n++
		case strings.ContainsRune(".,'`", r):
			n--
		}
	}
	return n
}

// subjectLoanID reads a loan ID named without a label in a printed
// e-mail's subject ("Subject: Your loan terms - MTG-11768290", "… -
// LN-2023-606443", "… - 3522226983"): a token with letters or dashes and
// digits, or eight digits or more.
func subjectLoanID(lines []textLine) (hit, bool) {
	for li, l := range lines {
		if len(l.cells) == 0 {
			continue
		}
		m := subjectRe.FindStringSubmatch(l.cells[0].text)
		if m == nil {
			continue
		}
		for _, tok := range strings.Fields(m[1]) {
			tok = strings.Trim(tok, "()[],.;:")
			if !subjectIDRe.MatchString(tok) {
				continue
			}
			if v, ok := loanIDValue(tok); ok && v.(string) == strings.ToUpper(tok) {
				return hit{value: v, page: l.page, line: li, how: byProse}, true
			}
		}
	}
	return hit{}, false
}

var (
	subjectRe   = regexp.MustCompile(`^(?i:subject|re)\s*:\s*(.+)$`)
	subjectIDRe = regexp.MustCompile(`^(?:\p{Lu}{1,5}-?\d{6,}|(?:\p{Lu}{1,5}-)?\d{2,}(?:-\d{2,}){1,3}|\d{8,14})$`)
)

// nextLabelRe finds where a value runs into the next column's label in a
// tight two-column form: a double space, or "Lender:" and the like.
var nextLabelRe = regexp.MustCompile(`\s{2,}|\s+\p{Lu}\pL*(?:\s\pL+){0,2}:(?:\s|$)`)

func cutAtNextLabel(s string) string {
	if loc := nextLabelRe.FindStringIndex(s); loc != nil {
		if tail := strings.TrimSpace(s[loc[0]:]); loc[1] == len(s) && !isLabelText(tail) {
			return strings.TrimRight(s, ": ") // "TERESA R. HOLLOWAY:": a speck after the name, no label
		}
		return s[:loc[0]]
	}
	return s
}

var labelWords = regexp.MustCompile(`(?i)^(?:borrower|co-borrower|applicant|lender|creditor|seller|property|loan|date|name|address|n/?a|tbd|none|and|the|of|your|mortgage broker|settlement agent|contact|see|page)s?\b`)

// personValue reads the first person named in s: "Michael Jones and Mary
// Stone" gives "Michael Jones".
func personValue(s string) (any, bool) {
	s = strings.TrimSpace(pipeline.TrimLead(s))
	s = initialCommaRe.ReplaceAllString(s, "$1. $2") // "Patrick A, Patel", "Liam W: Kowalski": the initial's stop misread
	s = cutAtNextLabel(s)
	if m := lastFirstRe.FindStringSubmatch(strings.TrimRight(s, " .")); m != nil {
		s = m[2] + " " + m[1]
	}
	s = trailingAndRe.ReplaceAllString(s, "") // "Trevor Thornbury and" above "Lauren Thornbury"
	if loc := coBorrowerSepRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	for _, sep := range []string{";", ",", " / "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return cleanName(s, false)
}

var (
	trailingAndRe = regexp.MustCompile(`(?i)\s+(?:and|&)$`)
	// coBorrowerSepRe joins two borrowers' names, its space read by OCR as
	// a hyphen or a stop at times: "BRANDON HOLLOWAY and-Grace G. Dubois".
	coBorrowerSepRe = regexp.MustCompile(`(?i)\s(?:and|&)[\s.-]`)
	initialCommaRe  = regexp.MustCompile(`^(\p{Lu}\p{Ll}+\s\p{Lu})[,:;]\s(\p{Lu}\p{Ll}+)$`)
)

// notNameWords never appear in a person's name; they mark a label or a
// phrase taken for one.
var notNameWords = map[string]bool{
	"not": true, "for": true, "did": true, "shop": true, "paid": true, "the": true, "of": true, "to": true,
	"by": true, "in": true, "on": true, "at": true, "per": true, "your": true, "our": true, "this": true,
	"that": true, "with": true, "from": true, "total": true, "amount": true, "fee": true, "fees": true,
	"loan": true, "closing": true, "costs": true, "cost": true, "funds": true, "signature": true, "date": true,
	"information": true, "services": true, "name": true, "address": true, "section": true, "page": true,
	"lender": true, "borrower": true, "borrowers": true, "applicant": true, "applicants": true, "seller": true,
	"co-applicant": true, "co-applicants": true, "co-borrowers": true,
	"property": true, "creditor": true, "co-borrower": true, "credit": true, "score": true, "dear": true, "hi": true, "hello": true,
	"annual": true, "percentage": true, "interest": true, "principal": true, "payment": true, "monthly": true,
	"purchase": true, "program": true, "officer": true, "escrow": true, "insurance": true, "taxes": true,
	"balance": true, "deposit": true, "estimated": true, "initial": true, "additional": true,
}

// nameParticles are the small words a name may hold in lower case.
var nameParticles = map[string]bool{
	"of": true, "and": true, "the": true, "at": true, "for": true, "on": true, "in": true,
	"de": true, "del": true, "della": true, "da": true, "di": true, "du": true, "la": true, "le": true,
	"van": true, "von": true, "der": true, "den": true, "bin": true, "ibn": true, "y": true, "e": true,
}

// formWords are the nouns of a form's headings ("Borrower Summary Sheet"),
// never a word of a person's or a lender's name.
var formWords = map[string]bool{
	"summary": true, "sheet": true, "worksheet": true, "statement": true, "disclosure": true, "estimate": true,
	"letter": true, "notice": true, "terms": true, "agreement": true, "application": true, "form": true,
	"details": true, "detail": true, "report": true, "rate": true, "no": true, "number": true, "party": true,
	"charges": true, "payment": true, "paid": true, "description": true, "program": true, "officer": true, "prepared": true, "approval": true,
	// a document's title ("Conditional Commitment") and a label run into a
	// name ("Yuki M. Whitaker ID"): no name has these words
	"commitment": true, "conditional": true, "id": true,
}

// companyValue reads a lender's name.
func companyValue(s string) (any, bool) {
	s = cutAtNextLabel(strings.TrimSpace(pipeline.TrimLead(s)))
	if notLenderRe.MatchString(s) {
		return nil, false
	}
	return cleanName(s, true)
}

func cleanName(s string, company bool) (any, bool) {
	s = repairOCRName(strings.TrimRight(strings.Join(strings.Fields(s), " "), " ,;:"), company)
	s = strings.ReplaceAll(strings.TrimRight(s, " ,.;:"), "..", ".")
	if s == "" || labelWords.MatchString(s) || strings.Contains(s, "__") || isLabelText(s) {
		return nil, false
	}
	words := strings.Fields(s)
	if company && len(words) >= 3 && (logoMark(words[0]) || logoBefore(words)) {
		words, s = words[1:], strings.Join(words[1:], " ") // "Q Bluestem Lending": the logo read as a letter
	}
	if !company && len(words) >= 3 && strayLetter(words) {
		words, s = words[1:], strings.Join(words[1:], " ") // "J Natalie Lindqvist": a field's bracket read as a letter
	}
	if len(words) < 2 || len(words) > 7 || sentenceRe.MatchString(s) {
		return nil, false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsLetter(r[0]) && !(company && (unicode.IsDigit(r[0]) || r[0] == '&')) {
			return nil, false
		}
		if company && strings.ContainsAny(w, "0123456789") && len(words) > 1 && strings.ContainsAny(s, ":/") {
			return nil, false // a fax header's date and time, not a name
		}
		if digitInWordRe.MatchString(w) {
			return nil, false // "Ol3 Mill Bank": OCR read a letter as a digit
		}
		if formWords[strings.ToLower(strings.Trim(w, ".,:"))] {
			return nil, false
		}
		if !company && (strings.ContainsAny(w, "0123456789@$%") || notNameWords[strings.ToLower(strings.TrimRight(w, ".,:;"))]) {
			return nil, false
		}
		if strings.HasSuffix(w, ":") {
			return nil, false // "FROM: LIGHTHOUSE RANK": a label, and what follows it
		}
		if !company && vowelless(w) {
			return nil, false // "TILDS CST": a form's code under a signature line
		}
	}
	if !unicode.IsUpper([]rune(words[0])[0]) {
		return nil, false
	}
	for _, w := range words[1:] {
		if r := []rune(w); unicode.IsLower(r[0]) && !nameParticles[strings.ToLower(w)] {
			return nil, false // "First ponccaercas Financial": OCR's noise inside a name
		}
	}
	if last := strings.TrimRight(words[len(words)-1], "."); !company && len([]rune(last)) == 1 {
		return nil, false // "Hannah L": a name cut after its initial
	}
	if isAllCaps(s) {
		s = titleCase(s)
	}
	return s, true
}

// vowelless tells whether a word of three letters or more has no vowel:
// no given name or surname is spelled so, a form's code or an initialism is.
func vowelless(w string) bool {
	letters := 0
	for _, r := range strings.ToLower(w) {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if strings.ContainsRune("aeiouy", r) || r > unicode.MaxASCII {
			return false
		}
	}
	return letters >= 3
}

// digitInWordRe is a digit after a letter in one word ("Ol3", "B4nk"):
// no name is spelled so ("1st", "21st" start with their digits).
var digitInWordRe = regexp.MustCompile(`\pL\d`)

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

// titleCase writes an all-capitals name as a person would: "CLEARWATER
// BANK, N.A" becomes "Clearwater Bank, N.A.", initialisms ("N.A.", "U.S.")
// and the capital suffixes of company names ("LLC", "FSB") staying
// capitals.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		bare := strings.TrimRight(w, ",;:")
		switch {
		case dottedInitialsRe.MatchString(bare):
			words[i] = strings.TrimSuffix(bare, ".") + "." + w[len(bare):]
		case capitalSuffixes[bare]:
		default: // a capital after a hyphen or an apostrophe too: "Smith-Jones", "O'Neil"
			r := []rune(strings.ToLower(w))
			for j := range r {
				if j == 0 || r[j-1] == '-' || r[j-1] == '\'' || r[j-1] == '’' {
					r[j] = unicode.ToUpper(r[j])
				}
			}
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// dottedInitialsRe is an initialism written with stops: "N.A.", "U.S", "F.S.B.".
var dottedInitialsRe = regexp.MustCompile(`^(?:\p{Lu}\.)+\p{Lu}\.?$`)

// capitalSuffixes stay capitals in a company's name.
var capitalSuffixes = map[string]bool{
	"LLC": true, "LLP": true, "PLLC": true, "LP": true, "FSB": true, "NA": true, "FCU": true,
	"USA": true, "II": true, "III": true, "IV": true, "DBA": true,
}

// wholeAddress reports whether an address names its town: a street alone
// ("9912 Birch Pl.") is part of an address, which the contract never gives.
func wholeAddress(s string) bool { return zipTailRe.MatchString(s) || cityNoZipRe.MatchString(s) }

// street is the first line of an address, to which the city line under it
// is joined.
type street string

var (
	streetRe = regexp.MustCompile(`^\d{1,6}[A-Za-z]?\s+[A-Za-z0-9][A-Za-z0-9 .'#-]*[A-Za-z.](?:,?\s*(?:#|(?i:unit|apt\.?|suite|ste\.?)\s*#?)\s*[A-Za-z0-9-]{1,6})?`)
	// cityNoZipRe is an address whose ZIP wrapped to the next line.
	cityNoZipRe = regexp.MustCompile(`,\s*[A-Za-z][A-Za-z .'-]+,?\s+[A-Z]{2}$`)
	zipLineRe   = regexp.MustCompile(`^\d{5}(?:-\d{4})?\b`)
	cityLineRe  = regexp.MustCompile(`^[A-Za-z][A-Za-z .'-]+,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?\b`)
	zipTailRe   = regexp.MustCompile(`\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$`)
)

var (
	// strayLetterRe is a lone small letter after a word: the end of that word.
	strayLetterRe = regexp.MustCompile(`(\pL) (\p{Ll})\b`)
	// cityStopRe is a full stop between a town and its state and ZIP.
	cityStopRe = regexp.MustCompile(`(\p{Ll})\. ([A-Z]{2}\s+\d{5}(?:-\d{4})?)\b`)
	// streetStopRe is a full stop, and no comma, between a street's type
	// and its town: OCR's stop for the comma ("11 Newport Trl. Wichita, KS").
	// A unit's number ends the street as well ("Summit Trail Apt 17B.
	// Spokane, WA").
	streetStopRe = regexp.MustCompile(`^(\d[^,]*\b(?:(?i:st|ave|dr|rd|trl|ln|blvd|ct|pl|pkwy|cir|ter|hwy|way|sq|plz|loop|run)|(?i:apt|unit|suite|ste)\.? ?#?\w{1,5}))\. (\p{Lu}[\pL ]*, [A-Z]{2}\s+\d{5})`)
)

var (
	// unitSpeckRe is a colon or semicolon OCR read between a unit's word
	// and its number ("Unit:5"): an address never prints one there.
	unitSpeckRe = regexp.MustCompile(`(?i)\b(unit|apt|suite|ste)\s*[:;]\s*([A-Za-z0-9])`)
	// typeStopRe is a stop between a street's name and its type ("54
	// Larkspur. Cir, Madison"): a speck, as no abbreviation ends a name
	// of two small letters or more. The type is written as a word (a
	// state code, "CT", is not "Ct").
	typeStopRe = regexp.MustCompile(`^(\d{1,6}\s+[^,]*\p{Ll}{2})\. ((?:St|Ave|Dr|Rd|Trl|Ln|Blvd|Ct|Pl|Pkwy|Cir|Ter|Hwy|Way|Sq|Plz|Loop|Run|Street|Avenue|Drive|Road|Trail|Lane|Boulevard|Court|Place|Parkway|Circle|Terrace)\b\.?(?:[,\s]|$))`)
)

// commaJunkRe is a comma followed by OCR's dashes, stops or tildes.
var commaJunkRe = regexp.MustCompile(`,\s*[-–—~_.]+\s*`)

var (
	fullAddressRe = regexp.MustCompile(`^\d{1,6}[^|]{0,80}?\b[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?`)
	streetCityRe  = regexp.MustCompile(`^\d{1,6}[^|:]{0,80}?,\s*[A-Za-z][A-Za-z .'-]+,?\s+[A-Z]{2}$`)
)

func addressValue(s string) (any, bool) {
	s = mendStateCode(strings.Join(strings.Fields(pipeline.TrimLead(s)), " "))
	s = commaJunkRe.ReplaceAllString(s, ", ")     // "Portland,-ME 04106": OCR's specks after a comma
	s = unitSpeckRe.ReplaceAllString(s, "$1 $2")  // "Timber Ave. Unit:5"
	s = typeStopRe.ReplaceAllString(s, "$1 $2")   // "54 Larkspur. Cir"
	s = strayLetterRe.ReplaceAllString(s, "$1$2") // "643 Prairie Wa y": a word split by the text layer
	s = cityStopRe.ReplaceAllString(s, "$1, $2")  // "Wichita. KS 67204": OCR's stop for a comma
	s = streetStopRe.ReplaceAllString(s, "$1, $2")
	m := streetRe.FindString(s)
	if m == "" {
		return nil, false
	}
	m = withUnitNumber(s, m)
	// Keep "123 Main St, Springfield, IL 62704" when the whole address is on one line.
	if full := fullAddressRe.FindString(s); full != "" {
		m = full
	} else if part := streetCityRe.FindString(s); part != "" && cityNoZipRe.MatchString(part) {
		m = part
	} else if t := streetTownRe.FindStringSubmatch(s); t != nil && t[1] == m && !unitLeadRe.MatchString(t[2]) {
		m += ", " + t[2] // "22498 SW Copper Creek Ave, Greenville," over "SC 29602-8272"
	}
	return street(strings.TrimRight(fixOCRStreetType(m), " ,")), true
}

// mendStateCode reads a state code before a ZIP that OCR gave a small l,
// a 1 or a 0 ("Providence, Rl 02911", "Springfield, lL 62704"): the one
// reading of its marks as capitals that is a state.
func mendStateCode(s string) string {
	s = halfStateRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := halfStateRe.FindStringSubmatch(m)
		if st := zipState(sub[2]); st != "" && st[0] == sub[1][0] {
			return ", " + st + " " + sub[2] // "Springfield, I. 62706": a letter of the state lost
		}
		return m
	})
	s = zipStateRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := zipStateRe.FindStringSubmatch(m)
		if st := zipState(sub[3]); usStates[sub[1]] && st != "" && lookalikeCodes(sub[1], st) {
			return st + sub[2] + sub[3] // "Des Moines, LA 50317": OCR's L for the I of IA
		}
		return m
	})
	return ocrStateRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := ocrStateRe.FindStringSubmatch(m)
		code := sub[1]
		if usStates[code] {
			return m
		}
		var found []string
		for _, a := range capitalReadings(code[0]) {
			for _, b := range capitalReadings(code[1]) {
				if usStates[string([]byte{a, b})] {
					found = append(found, string([]byte{a, b}))
				}
			}
		}
		if len(found) != 1 {
			return m
		}
		return found[0] + m[2:]
	})
}

// halfStateRe is one capital and a stop between a city's comma and a ZIP.
var halfStateRe = regexp.MustCompile(`, ([A-Z])[.,]?\s+(\d{5})\b`)

// zipPrefixes are the first three digits of the ZIP codes of each state,
// as ranges: a ZIP names its state.
var zipPrefixes = []struct {
	from, to int
	state    string
}{
	{10, 27, "MA"}, {28, 29, "RI"}, {30, 38, "NH"}, {39, 49, "ME"}, {50, 59, "VT"}, {60, 69, "CT"},
	{70, 89, "NJ"}, {100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"}, {200, 205, "DC"},
	{206, 219, "MD"}, {220, 246, "VA"}, {247, 268, "WV"}, {270, 289, "NC"}, {290, 299, "SC"},
	{300, 319, "GA"}, {398, 399, "GA"}, {320, 349, "FL"}, {350, 369, "AL"}, {370, 385, "TN"},
	{386, 397, "MS"}, {400, 427, "KY"}, {430, 459, "OH"}, {460, 479, "IN"}, {480, 499, "MI"},
	{500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"}, {570, 577, "SD"}, {580, 588, "ND"},
	{590, 599, "MT"}, {600, 629, "IL"}, {630, 658, "MO"}, {660, 679, "KS"}, {680, 693, "NE"},
	{700, 714, "LA"}, {716, 729, "AR"}, {730, 749, "OK"}, {750, 799, "TX"}, {885, 885, "TX"},
	{800, 816, "CO"}, {820, 831, "WY"}, {832, 838, "ID"}, {840, 847, "UT"}, {850, 865, "AZ"},
	{870, 884, "NM"}, {889, 898, "NV"}, {900, 961, "CA"}, {967, 968, "HI"}, {970, 979, "OR"},
	{980, 994, "WA"}, {995, 999, "AK"},
}

// zipState is the state of a ZIP code, "" when its prefix is not known.
func zipState(zip string) string {
	p, err := strconv.Atoi(zip[:3])
	if err != nil {
		return ""
	}
	for _, z := range zipPrefixes {
		if p >= z.from && p <= z.to {
			return z.state
		}
	}
	return ""
}

// ocrStateRe is two marks before a ZIP, the first a capital or what OCR
// makes of one.
var ocrStateRe = regexp.MustCompile(`\b([A-Zl10][A-Za-z10])(\.?\s+\d{5}(?:-\d{4})?)\b`)

// capitalReadings are the capital letters an OCR mark may stand for.
func capitalReadings(c byte) []byte {
	switch {
	case c == 'l':
		return []byte{'I', 'L'}
	case c == '1':
		return []byte{'I'}
	case c == '0':
		return []byte{'O'}
	case c >= 'a' && c <= 'z':
		return []byte{c - 'a' + 'A'}
	}
	return []byte{c}
}

// zipStateRe is a state's code before its ZIP code.
var zipStateRe = regexp.MustCompile(`\b([A-Z]{2})(\.?\s+)(\d{5})\b`)

// lookalikeGroups are capitals OCR takes for one another.
var lookalikeGroups = []string{"ILTJ1", "ODQCG0", "MNH", "VWY", "EF", "PRB", "KX"}

// lookalikeCodes reports whether two state codes differ in one letter that
// OCR takes for the other ("LA" for "IA"), so that the ZIP code's state
// stands for the code read.
func lookalikeCodes(read, zips string) bool {
	if read == zips || read[0] != zips[0] && read[1] != zips[1] {
		return false
	}
	i := 0
	if read[0] == zips[0] {
		i = 1
	}
	for _, g := range lookalikeGroups {
		if strings.IndexByte(g, read[i]) >= 0 && strings.IndexByte(g, zips[i]) >= 0 {
			return true
		}
	}
	return false
}

// usStates are the USPS codes of the states, DC and the territories.
var usStates = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP`) {
		usStates[c] = true
	}
}

// unitWordEndRe is a street that ends in a unit's word without its
// number, and unitNumberRe a cell that is that number alone.
var (
	unitWordEndRe = regexp.MustCompile(`(?i)\b(?:unit|apt\.?|apartment|suite|ste\.?|#)$`)
	unitNumberRe  = regexp.MustCompile(`^#?[A-Za-z]?\d{1,5}[A-Za-z]?$`)
)

// completeAddress joins the city, state and ZIP line under a street line,
// aligned with it on the left or, in right-aligned value columns, on the
// right; a unit's number wrapped alone onto the line between goes with
// the street.
func completeAddress(lines []textLine, a hit) string {
	text := string(a.value.(street))
	if zipTailRe.MatchString(text) || a.how == byProse {
		return text
	}
	end := a.col + len([]rune(text))
	if a.line >= 0 && a.line < len(lines) && lines[a.line].page == a.page {
		for _, c := range lines[a.line].cells {
			// "41 Deer Hollow Rd   Cheyenne, WY 82001": the town a gap apart
			// on the street's line.
			if city := mendStateCode(c.text); c.col > end && c.col <= end+8 && cityLineRe.FindString(city) == strings.TrimSpace(city) {
				return text + ", " + strings.TrimSpace(city)
			}
		}
	}
	last := a.line + 2
	for j := a.line + 1; j < len(lines) && j <= last && lines[j].page == a.page; j++ {
		for _, c := range lines[j].cells {
			if unitWordEndRe.MatchString(text) && c.col >= a.col-3 && c.col <= end+3 && unitNumberRe.MatchString(c.text) {
				text += " " + c.text // "33 W Madison Road Unit" over "26" over "Fargo, ND 58103"
				last++
				break
			}
			cEnd := c.col + len([]rune(c.text))
			// OCR's layout may set the second line a few columns off the
			// first ("SUBJECT PROPERTY 8445 Newport Ct" over "Little Rock").
			if c.col >= a.col-3 && c.col <= a.col+6 || cEnd >= end-3 && cEnd <= end+3 && c.col < end {
				city := mendStateCode(strings.Join(strings.Fields(c.text), " "))
				if z := zipLineRe.FindString(city); z != "" && cityNoZipRe.MatchString(text) {
					return text + " " + z
				}
				if m := cityLineRe.FindString(city); m != "" {
					return text + ", " + m
				}
				if stateZipLineRe.MatchString(city) && endsInTown(text) {
					return text + ", " + city
				}
				if cityStateRe.MatchString(city) {
					// "Chattanooga, TN" over "37402-3808": the ZIP on a
					// third line, in the same column.
					if z, ok := zipUnder(lines, j, c.col); ok {
						return text + ", " + city + " " + z
					}
				}
			}
		}
	}
	return text
}

var (
	// streetTownRe is a street and its town, the state and ZIP code
	// wrapped to the next line.
	streetTownRe = regexp.MustCompile(`^(\d{1,6}[^,|]{2,60}),\s*([A-Za-z][A-Za-z .'-]+?)\s*,?$`)
	// unitLeadRe is a unit's word, which no town starts with.
	unitLeadRe = regexp.MustCompile(`(?i)^(?:apt|unit|suite|ste|bldg|building|floor|fl|lot|room|rm)\b`)
	// stateZipLineRe is a line of a state's code and a ZIP code alone.
	stateZipLineRe = regexp.MustCompile(`^[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?$`)
	// townTailRe is a street line that ends in its town.
	townTailRe = regexp.MustCompile(`\d[^,]*,\s*([A-Za-z][A-Za-z .'-]+)$`)
)

// endsInTown reports whether a street line ends in its town, not in a
// unit ("…, Suite B").
func endsInTown(s string) bool {
	m := townTailRe.FindStringSubmatch(s)
	return m != nil && !unitLeadRe.MatchString(m[1])
}

// cityStateRe is a town and its state's code, without a ZIP code.
var cityStateRe = regexp.MustCompile(`^[A-Za-z][A-Za-z .'-]+,\s*[A-Z]{2}$`)

// zipUnder is the ZIP code alone at the start of a cell on line j+1,
// within a few columns of col.
func zipUnder(lines []textLine, j, col int) (string, bool) {
	if j+1 >= len(lines) || lines[j+1].page != lines[j].page {
		return "", false
	}
	for _, c := range lines[j+1].cells {
		if c.col >= col-3 && c.col <= col+3 && zipLineRe.FindString(c.text) == strings.TrimSpace(c.text) {
			return strings.TrimSpace(c.text), true
		}
	}
	return "", false
}
