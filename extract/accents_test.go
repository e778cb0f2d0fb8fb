package extract

import (
	"testing"

	"loanbatch/pipeline"
)

// TestOCRAccentsTakenOff: a speck OCR read as an accent leaves a lender's
// name and a property address; a text layer's letters are as printed.
func TestOCRAccentsTakenOff(t *testing.T) {
	text := "Evergréen Hollow Lending\n12 Main St, Boise, ID 83702\n\nLoan Number:   5550001\nBorrower:   José Ortiz\nLender:   Evergréen Hollow Lending\nProperty:   41 Elm Ct, Knoxvillé, TN 37905"
	for _, c := range []struct {
		source               pipeline.TextSource
		lender, property, by string
	}{
		{pipeline.SourceOCR, "Evergreen Hollow Lending", "41 Elm Ct, Knoxville, TN 37905", "José Ortiz"},
		{pipeline.SourceTextLayer, "Evergréen Hollow Lending", "41 Elm Ct, Knoxvillé, TN 37905", "José Ortiz"},
	} {
		x := Extract([]pipeline.PageText{{Page: 1, Source: c.source, Text: text}})
		assertFields(t, x.Fields, map[string]any{"lender_name": c.lender, "property_address": c.property, "borrower_name": c.by})
	}
}
