package pdftext

import (
	"bytes"
	"fmt"
	"strconv"
)

// pdfToken is one token of a PDF content stream or CMap: an operand (a
// number, a name, a string, an array or a dictionary) or an operator.
type pdfToken struct {
	kind tokenKind
	num  float64
	text []byte     // name (without the slash), string bytes, or operator
	arr  []pdfToken // array elements; a dictionary's keys and values in turn
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokNumber
	tokName
	tokString // literal or hex: text holds the bytes
	tokArray
	tokDict
	tokOperator
)

// pdfLexer reads tokens from PDF content bytes. Damaged syntax yields
// operators a reader ignores, and every step consumes input, so a hostile
// stream ends. Each token is charged to the document's budget; a token
// over a cap (maxTokenNodes, maxStringToken) or the budget's end stops the
// lexer: next then returns tokEOF and err says why.
type pdfLexer struct {
	data   []byte
	pos    int
	depth  int // nesting of arrays and dictionaries
	nodes  int // elements of the operand being read
	budget *readBudget
}

// newLexer returns a lexer of data, charging b for its bytes and tokens.
func newLexer(data []byte, b *readBudget) *pdfLexer {
	l := &pdfLexer{data: data, budget: b}
	if b.scan(len(data)) != nil {
		l.data = nil
	}
	return l
}

// err is why the lexer stopped before the end of its data, or nil.
func (l *pdfLexer) err() error { return l.budget.err }

// maxTokenDepth bounds nested arrays and dictionaries (hostile streams nest
// thousands deep to exhaust the stack).
const maxTokenDepth = 32

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelimiter(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			end := bytes.IndexAny(l.data[l.pos:], "\r\n")
			if end < 0 {
				end = len(l.data) - l.pos
			}
			l.pos += end
		default:
			return
		}
	}
}

// next returns the next token, or tokEOF at the end.
func (l *pdfLexer) next() pdfToken {
	l.skipSpace()
	if l.pos >= len(l.data) || l.budget.token() != nil {
		return pdfToken{kind: tokEOF}
	}
	if l.depth == 0 {
		l.nodes = 0
	} else if l.nodes++; l.nodes > maxTokenNodes {
		l.budget.fail(fmt.Errorf("%w: an operand with more than %d elements", ErrOverBudget, maxTokenNodes))
		return pdfToken{kind: tokEOF}
	}
	c := l.data[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelimiter(l.data[l.pos]) {
			l.pos++
		}
		return pdfToken{kind: tokName, text: unescapeName(l.data[start:l.pos])}
	case c == '(':
		return pdfToken{kind: tokString, text: l.literalString()}
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<':
		l.pos += 2
		return l.collection(tokDict, ">>")
	case c == '<':
		return pdfToken{kind: tokString, text: l.hexString()}
	case c == '[':
		l.pos++
		return l.collection(tokArray, "]")
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := l.pos
		l.pos++
		for l.pos < len(l.data) && (l.data[l.pos] == '.' || l.data[l.pos] >= '0' && l.data[l.pos] <= '9') {
			l.pos++
		}
		v, err := strconv.ParseFloat(string(l.data[start:l.pos]), 64)
		if err != nil {
			v = 0 // "-" or "1.2.3": PDF readers take these as 0
		}
		return pdfToken{kind: tokNumber, num: v}
	case isPDFDelimiter(c): // a stray ")", ">", "]", "{" or "}"
		l.pos++
		return pdfToken{kind: tokOperator, text: l.data[l.pos-1 : l.pos]}
	}
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelimiter(l.data[l.pos]) {
		l.pos++
	}
	return pdfToken{kind: tokOperator, text: l.data[start:l.pos]}
}

// collection reads array or dictionary elements up to end.
func (l *pdfLexer) collection(kind tokenKind, end string) pdfToken {
	t := pdfToken{kind: kind}
	l.depth++
	defer func() { l.depth-- }()
	for {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return t
		}
		if bytes.HasPrefix(l.data[l.pos:], []byte(end)) {
			l.pos += len(end)
			return t
		}
		if l.depth > maxTokenDepth {
			l.pos++ // skip without recursing further
			continue
		}
		e := l.next()
		if e.kind == tokEOF {
			return t
		}
		t.arr = append(t.arr, e)
	}
}

func (l *pdfLexer) literalString() []byte {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out
			}
		case '\\':
			if l.pos >= len(l.data) {
				return out
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		if out = append(out, c); len(out) > maxStringToken {
			l.stringTooLong()
			return nil
		}
	}
	return out
}

// stringTooLong stops the lexer at a string over maxStringToken bytes.
func (l *pdfLexer) stringTooLong() {
	l.budget.fail(fmt.Errorf("%w: a string of more than %d bytes", ErrOverBudget, maxStringToken))
	l.pos = len(l.data)
}

func (l *pdfLexer) hexString() []byte {
	l.pos++ // <
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := hexValue(c)
		if !ok {
			continue
		}
		if half {
			if out = append(out, hi<<4|v); len(out) > maxStringToken {
				l.stringTooLong()
				return nil
			}
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

// skipInlineImage moves past an inline image's data, which follows the ID
// operator and ends at an EI operator.
func (l *pdfLexer) skipInlineImage() {
	if l.pos < len(l.data) {
		l.pos++ // the single white-space byte after ID
	}
	for l.pos+2 <= len(l.data) {
		i := bytes.Index(l.data[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.data)
			return
		}
		at := l.pos + i
		l.pos = at + 2
		before := at == 0 || isPDFSpace(l.data[at-1])
		after := l.pos == len(l.data) || isPDFSpace(l.data[l.pos]) || isPDFDelimiter(l.data[l.pos])
		if before && after {
			return
		}
	}
	l.pos = len(l.data)
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unescapeName decodes #xx escapes in a name.
func unescapeName(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, ok1 := hexValue(b[i+1])
			lo, ok2 := hexValue(b[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}
