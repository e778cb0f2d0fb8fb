package extract

import (
	"testing"

	"loanbatch/pipeline"
)

func TestOCRNameRepairs(t *testing.T) {
	if got := fixOCRStreetType("704 Timber PI. Unit 32, Raleigh, NC 27609"); got != "704 Timber Pl. Unit 32, Raleigh, NC 27609" {
		t.Errorf("street type: %q", got)
	}
	if v, ok := cleanName("Q Bluestem Lending Group, Inc", true); !ok || v != "Bluestem Lending Group, Inc" {
		t.Errorf("logo mark: %v %v", v, ok)
	}
	if v, ok := cleanName("A Plus Mortgage Company", true); !ok || v != "A Plus Mortgage Company" {
		t.Errorf("article: %v %v", v, ok)
	}
}

func TestOCRAddressAndNameRepairs(t *testing.T) {
	for in, want := range map[string]string{
		"62 Dalton Lane. Nashville, TN 37208":               "62 Dalton Lane, Nashville, TN 37208",
		"125 Maple St.. Wilmington, DE 19804":               "125 Maple St., Wilmington, DE 19804",
		"12 Oak St. Springfield, IL 62704":                  "12 Oak St, Springfield, IL 62704", // OCR's stop for the comma: an address has one there
		"12 Oak St., Springfield, IL 62704":                 "12 Oak St., Springfield, IL 62704",
		"20038 Jefferson Pkwy. Unit 11, Richmond, VA 23219": "20038 Jefferson Pkwy. Unit 11, Richmond, VA 23219",
	} {
		v, ok := addressValue(in)
		if got := ""; ok {
			got = string(v.(street))
			if got != want {
				t.Errorf("addressValue(%q) = %q, want %q", in, got, want)
			}
		} else {
			t.Errorf("addressValue(%q) failed", in)
		}
	}
	for in, want := range map[string]string{
		"Bluestem Bank, N:A-":        "Bluestem Bank, N.A",
		"Sunfield Community Bank NA": "Sunfield Community Bank, N.A",
	} {
		if v, ok := cleanName(in, true); !ok || v != want {
			t.Errorf("cleanName(%q) = %v, want %q", in, v, want)
		}
	}
	if v, ok := cleanName("Caleb P.Kowalski", false); !ok || v != "Caleb P. Kowalski" {
		t.Errorf("glued initial: %v", v)
	}
}

// A label whose colon OCR read as a stop still labels its value.
func TestLabelWithOCRStop(t *testing.T) {
	f := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: "   SUBJ PROP.        12272 WILLOW RD. #188, BIRMINGHAM, AL 35203\n   LOAN AMT          375,201.00\n"}})
	if f.Fields.PropertyAddress != "12272 WILLOW RD. #188, BIRMINGHAM, AL 35203" {
		t.Errorf("property %q", f.Fields.PropertyAddress)
	}
}
