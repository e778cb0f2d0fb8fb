package pipeline

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The parsers below read a value at the start of s (after optional
// punctuation such as ":" or "#") and report whether one was there. They
// accept the number styles of real documents and the usual OCR confusions
// inside numbers (O for 0, l or I for 1, S for 5).

var leadJunk = regexp.MustCompile(`^[\s:;#\-–—=.*|_\[\](){}"“”«»~°©®§!<>]+`)

// TrimLead drops the punctuation between a label and its value (": ", "#", "—").
func TrimLead(s string) string { return leadJunk.ReplaceAllString(s, "") }

// fixDigits undoes OCR confusions inside a token that is mostly digits.
func fixDigits(tok string) string {
	digits := 0
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("OoIlSB,. ", r):
		default:
			return tok // a word, not a number
		}
	}
	if digits == 0 {
		return tok
	}
	return strings.NewReplacer("O", "0", "o", "0", "I", "1", "l", "1", "S", "5", "B", "8").Replace(tok)
}

var (
	currencyRe = regexp.MustCompile(`^(?i:USD|USS?\$|USS|\$)\s*`) // "USS$": OCR's doubled S; "USS223,120.00": its S for the $
	// "250,000.00 USD" and "250,000 dollars" name their currency after.
	suffixCurrencyRe = regexp.MustCompile(`(?i)^[\d,. ]*\d\s*(?:USD|dollars)\b`)
	splitGroupRe     = regexp.MustCompile(`^(\d{1,3}) ?, ?(\d{3}\b)`) // OCR's "275, 100.00", "1 ,025.52"
	// splitCentsRe is cents OCR cut in two ("$19,553.1 6").
	splitCentsRe = regexp.MustCompile(`^([\d,]*\d[.:]\d) (\d)\b`)
	// damagedCentsRe is a stop and one digit after a whole amount.
	damagedCentsRe = regexp.MustCompile(`^[.,:]\d(?:\D|$)`)
	// splitLeadRe is a first group of digits OCR cut in two ("1 3,404.86").
	splitLeadRe = regexp.MustCompile(`^(\d) (\d{1,2}),(\d{3}\b)|^(\d{2}) (\d),(\d{3}\b)`)
	moneyRe     = regexp.MustCompile(`^(\d{1,3}(?:[,. ]\d{3})+|\d+)(?:([.,:])(\d{2}))?(?:$|[^\d])`) // "2,022:97": OCR's colon for the stop
)

// ParseMoney reads an amount such as "$250,000.00", "USD 250,000" or
// "$1 050" and returns it in cents. requireCurrency insists on a "$" or
// "USD" so that bare numbers (years, counts) are not taken for money.
func ParseMoney(s string, requireCurrency bool) (int64, bool) {
	s = strings.TrimPrefix(TrimLead(strings.TrimLeft(TrimLead(s), "'‘’`")), "(") // "}'US$173,000.00": OCR's specks
	cur := currencyRe.FindString(s)
	if requireCurrency && cur == "" && !suffixCurrencyRe.MatchString(s) {
		return 0, false
	}
	rest := splitGroupRe.ReplaceAllString(s[len(cur):], "$1,$2") // OCR's "275, 100.00"
	rest = splitLeadRe.ReplaceAllString(rest, "$1$2$4$5,$3$6")
	rest = splitCentsRe.ReplaceAllString(rest, "$1$2") // "9,553.1 6"
	n := 0
	for n < len(rest) && strings.IndexByte("0123456789OoIlSB,. ", rest[n]) >= 0 {
		n++
	}
	fixed := fixDigits(rest[:n]) + rest[n:]
	m := moneyRe.FindStringSubmatch(fixed)
	if m == nil || m[3] == "" && damagedCentsRe.MatchString(fixed[len(m[1]):]) {
		return 0, false // "$19,553.1": cents lost in part are no value
	}
	whole := strings.NewReplacer(",", "", ".", "", " ", "").Replace(m[1])
	if len(whole) > 12 {
		return 0, false
	}
	v, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	cents := v * 100
	if m[3] != "" {
		c, _ := strconv.ParseInt(m[3], 10, 64)
		cents += c
	}
	return cents, true
}

// percentRe is a rate; a stop before its sign is OCR's speck ("6.704.%"),
// a colon in it OCR's stop ("6:5000%").
var percentRe = regexp.MustCompile(`^(\d{1,2}(?:[.,:]\d{1,4})?)\.?\s?(?:%|(?i:percent\b|per\s?cent\b))`)

// lostStopRe is a rate whose stop OCR read as a space ("5 500%").
var lostStopRe = regexp.MustCompile(`^(\d{1,2}) (\d{3,4}\s?%)`)

// ParsePercent reads a rate such as "6.875%", "6.875 %", "4%" or
// "3.875 percent" and returns it as a percent number.
func ParsePercent(s string) (float64, bool) {
	s = TrimLead(s)
	s = lostStopRe.ReplaceAllString(strings.Replace(s, "..", ".", 1), "$1.$2") // OCR: "7..1250%", "5 500%"
	if i := strings.IndexAny(s, "%pP"); i > 0 && i < 12 {
		s = fixDigits(s[:i]) + s[i:]
	}
	m := percentRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.NewReplacer(",", ".", ":", ".").Replace(m[1]), 64) // "6:5000%": OCR's colon
	if err != nil || v <= 0 || v >= 30 {
		return 0, false
	}
	return math.Round(v*1e4) / 1e4, true
}

var termRe = regexp.MustCompile(`(?i)^(\d{1,3})\.?[\s-]?(years?|yrs?|months?|mos?)\b`) // "20. years": OCR's speck

// ParseTerm reads a loan term such as "30 years", "30-year" or
// "360 months" and returns it in months.
func ParseTerm(s string) (int, bool) {
	s = TrimLead(s)
	m := termRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	unit := strings.ToLower(m[2])
	if strings.HasPrefix(unit, "y") {
		n *= 12
	}
	if n < 1 || n > 600 {
		return 0, false
	}
	return n, true
}

// strayMarkRe is a lone i, l or j before a numeric date: OCR's reading of a
// table rule or a speck, as no word of one small letter starts a date.
var strayMarkRe = regexp.MustCompile(`^[ilj]\s+(\d)`)

var (
	dateNumRe   = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b`)
	lostSlashRe = regexp.MustCompile(`^(\d{1,2}) (\d{1,2})/(\d{4})\b`)
	// OCR's spaces in a numeric date: around a separator ("11 /13/2025"),
	// for its second slash ("08/22 2024"), inside its month ("1 1-02-2026").
	spacedDateRe    = regexp.MustCompile(`^(\d{1,2}) ?([/.-]) ?(\d{1,2}) ?([/.-]) ?(\d{4})\b`)
	lostSlash2Re    = regexp.MustCompile(`^(\d{1,2})/(\d{1,2}) (\d{4})\b`)
	splitMonthRe    = regexp.MustCompile(`^(\d) (\d[/.-]\d{1,2}[/.-]\d{4})\b`)
	ocrZeroParensRe = regexp.MustCompile(`(\d)\(\)(\d)`) // "2()24": a 0 read as "()"
	dateISORe       = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})\b`)
	dateMDYRe       = regexp.MustCompile(`(?i)^([a-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?[,.:;]{0,2}\s*(\d{4})\b`) // "August 21,:2024": OCR's specks
	dateDMYRe       = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})\b`)
)

// weekdayRe is the weekday before a date ("Monday, March 2, 2026").
var weekdayRe = regexp.MustCompile(`(?i)^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+`)

var months = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

func monthOf(name string) (time.Month, bool) {
	name = strings.ToLower(name)
	for _, n := range []int{4, 3} {
		if len(name) >= n {
			if m, ok := months[name[:n]]; ok {
				return m, true
			}
		}
	}
	// OCR may lose a month's first letters ("tober 27, 2025"): an ending of
	// four letters or more that only one month has.
	found := time.Month(0)
	for m := time.January; m <= time.December && len(name) >= 4; m++ {
		if strings.HasSuffix(strings.ToLower(m.String()), name) {
			if found != 0 {
				return 0, false
			}
			found = m
		}
	}
	if found != 0 {
		return found, true
	}
	// Or read one letter of a full name wrong ("Match 12, 2025"): five
	// letters or more, and only one month that close.
	for m := time.January; m <= time.December && len(name) >= 5; m++ {
		if OneApart(strings.ToLower(m.String()), name) {
			if found != 0 {
				return 0, false
			}
			found = m
		}
	}
	return found, found != 0
}

// OneApart reports whether a and b are as long and differ in one
// character: one OCR misread.
func OneApart(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	diff := 0
	for i := range ra {
		if ra[i] != rb[i] {
			diff++
		}
	}
	return diff == 1
}

// ParseDate reads a date such as "03/14/2026", "2026-03-14",
// "March 14, 2026" or "14 March 2026" (US month-first for numeric dates)
// and returns it as YYYY-MM-DD.
func ParseDate(s string) (string, bool) {
	s = weekdayRe.ReplaceAllString(TrimLead(s), "")
	s = strayMarkRe.ReplaceAllString(s, "$1")       // "i 5/16/2024": a cell's edge read as a letter
	s = lostSlashRe.ReplaceAllString(s, "$1/$2/$3") // "08 13/2025": OCR lost the first slash
	s = lostSlash2Re.ReplaceAllString(s, "$1/$2/$3")
	s = splitMonthRe.ReplaceAllString(s, "$1$2")
	s = spacedDateRe.ReplaceAllString(s, "$1$2$3$4$5")
	s = ocrZeroParensRe.ReplaceAllString(s, "${1}0$2")
	var y, d int
	var mo time.Month
	if m := dateISORe.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		mo = time.Month(mi)
		d, _ = strconv.Atoi(m[3])
	} else if m := dateNumRe.FindStringSubmatch(fixDigits(firstToken(s))); m != nil {
		mi, _ := strconv.Atoi(m[1])
		d, _ = strconv.Atoi(m[2])
		if mi > 12 && d <= 12 { // 14.03.2026: day first
			mi, d = d, mi
		}
		mo = time.Month(mi)
		y, _ = strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			y += 2000
		}
	} else if m := dateMDYRe.FindStringSubmatch(s); m != nil {
		var ok bool
		if mo, ok = monthOf(m[1]); !ok {
			return "", false
		}
		d, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else if m := dateDMYRe.FindStringSubmatch(s); m != nil {
		var ok bool
		if mo, ok = monthOf(m[2]); !ok {
			return "", false
		}
		d, _ = strconv.Atoi(m[1])
		y, _ = strconv.Atoi(m[3])
	} else {
		return "", false
	}
	if y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 31 February and the like
	}
	return t.Format("2006-01-02"), true
}

func firstToken(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// ParseMonths reads a term as a person, or a form after its label, writes
// it: "360 months", "30 years", or a bare number of months (60–480) or
// years (5–40), as term sheets print them.
func ParseMonths(s string) (int, bool) {
	if m, ok := ParseTerm(s); ok {
		return m, true
	}
	if m := bareNumberRe.FindStringSubmatch(TrimLead(s)); m != nil {
		n, _ := strconv.Atoi(m[1])
		switch {
		case n >= 60 && n <= 480:
			return n, true
		case n >= 5 && n <= 40:
			return n * 12, true
		}
	}
	return 0, false
}

var bareNumberRe = regexp.MustCompile(`^(\d{1,3})(?:[\s/]|$)`)
