package extract

import (
	"testing"

	"loanbatch/pipeline"
)

// A name's word that the document also reads one letter apart: the text
// layer's reading, a lender's word, or a reading twice as frequent stands;
// two single OCR readings give no name.
func TestTwinReadings(t *testing.T) {
	ocr, printed := pipeline.SourceOCR, pipeline.SourceTextLayer
	type page struct {
		source pipeline.TextSource
		text   string
	}
	tests := []struct {
		name  string
		pages []page
		field string
		want  any
	}{
		{"the text layer's reading", []page{
			{printed, "Pinecrest Home Lending\nLoan Estimate"},
			{ocr, "Loan ID # 55-1902\nLENDER   Pinecrest Home Tending      MORTGAGE BROKER"},
		}, pipeline.FieldLender, "Pinecrest Home Lending"},
		{"a lender's word over another word", []page{
			{ocr, "Loan ID # 55-1902\nLender:   Riverbend Home Tending\nRiverbend Home Lending"},
		}, pipeline.FieldLender, "Riverbend Home Lending"},
		{"one OCR reading each: no name", []page{
			{ocr, "     Ironwood Home Lending\nTRUTH IN LENDING DISCLOSURE\nLender:   Tronwood Home Lending      Loan Amount:  $677,060.00"},
		}, pipeline.FieldLender, nil},
		{"a heading misread the same way each time outvotes nothing", []page{
			{ocr, "BRISGEWATER SAVINGS BANK\nLoan ID # 55-1902\nLender:   Bridgewater Savings Bank, FSB\nBRISGEWATER\nBRISGEWATER\nBridgewater"},
		}, pipeline.FieldLender, "Bridgewater Savings Bank, FSB"},
		{"a fax banner's capitals are another rendering", []page{
			{ocr, "31-MAY-2024 17:56   FROM: REISTONE MORTGAGE COMPAN   (976) 790-1309\n  Redstone Mortgage Company, Inc.\n" +
				"Application No.:   225034710\nLender:   Redstone Mortgage Company, Inc."},
		}, pipeline.FieldLender, "Redstone Mortgage Company, Inc"},
		{"a reading twice as frequent", []page{
			{ocr, "Loan ID # 55-1902\nBorrower:   Hiroshi Donevan\nDear Mr. Donovan,\nDonovan family"},
		}, pipeline.FieldBorrower, "Hiroshi Donovan"},
		{"short names are two people's", []page{
			{ocr, "Loan ID # 55-1902\nBorrower:   Mason Parker\nCo-Borrower:   Jason Parker"},
		}, pipeline.FieldBorrower, "Mason Parker"},
	}
	for _, tt := range tests {
		var pages []pipeline.PageText
		for i, p := range tt.pages {
			pages = append(pages, pipeline.PageText{Page: i + 1, Source: p.source, Text: p.text})
		}
		got := Extract(pages).Fields.Get(tt.field)
		if tt.want == nil && got != nil || tt.want != nil && got != tt.want {
			t.Errorf("%s: %s = %v; want %v", tt.name, tt.field, got, tt.want)
		}
	}
}
