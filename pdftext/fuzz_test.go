package pdftext

import (
	"context"
	"testing"
	"unicode/utf8"
)

func FuzzContentLexer(f *testing.F) {
	for _, s := range []string{
		"BT /F1 10 Tf 72 700 Td (Loan \\(ID\\) \\101) Tj ET",
		"[(A)-250(B)] TJ <48656C6C6F> Tj",
		"<< /ActualText <FEFF0009> >> BDC EMC",
		"BI /W 1 /H 1 ID \x00\xffEI Q",
		"1 beginbfrange <0000> <00FF> <0020> endbfrange 1 beginbfchar <01> <D83DDE00> endbfchar",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		"(unterminated \\", "<<", "/Name#4", "-.5 +3 1.2.3",
		"[[1 2] [3 4] [5 6]] TJ", "2 beginbfrange <00000000> <0000FFFF> <0041> <00010000> <0001FFFF> [<41> <42>] endbfrange",
	} {
		f.Add([]byte(s), uint16(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, tokens uint16) {
		l := newLexer(data, newReadBudget(context.Background()))
		for n := 0; ; n++ {
			before := l.pos
			tok := l.next()
			if tok.kind == tokEOF {
				break
			}
			if l.pos <= before || n > len(data) {
				t.Fatalf("lexer stuck at %d", before)
			}
			if nodes := countNodes(tok); nodes > maxTokenNodes+1 || len(tok.text) > maxStringToken {
				t.Fatalf("a token of %d elements and %d bytes passed the caps", nodes, len(tok.text))
			}
			if string(tok.text) == "ID" {
				l.skipInlineImage()
			}
		}
		if err := l.err(); err != nil && !IsBudgetErr(err) {
			t.Fatalf("lexer stopped with %v", err)
		}
		cmap, _ := parseToUnicode(data, newReadBudget(context.Background()))
		for _, text := range cmap {
			if !utf8.ValidString(text) {
				t.Fatalf("ToUnicode gave invalid UTF-8 %q", text)
			}
		}
		// A small budget ends the work where it runs out, not later.
		b := newReadBudget(context.Background())
		b.tokens, b.entries = int64(tokens), int64(tokens)*16
		cmap, err := parseToUnicode(data, b)
		if err == nil && (b.tokens < 0 || b.entries < 0) {
			t.Fatalf("parsed past the budget: %d tokens, %d entries left", b.tokens, b.entries)
		}
		if err != nil && !IsBudgetErr(err) || err == nil && len(cmap) > int(tokens)*16 {
			t.Fatalf("%d codes from a budget of %d: %v", len(cmap), int(tokens)*16, err)
		}
	})
}

// countNodes is the elements of a token, nested ones included.
func countNodes(t pdfToken) int {
	n := len(t.arr)
	for _, e := range t.arr {
		n += countNodes(e)
	}
	return n
}
