package ui

import (
	"fmt"
	"strings"
	"time"

	"loanbatch/pipeline"
)

// formatMoney shows cents as "$250,000.00"; zero (not found) shows nothing.
func formatMoney(cents int64) string { return pipeline.Dollars(cents) }

// formatRate shows a percent number as "6.875 %"; zero shows nothing.
func formatRate(p float64) string {
	if p == 0 {
		return ""
	}
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", p), "0"), ".")
	return s + " %"
}

func formatTerm(months int) string {
	switch {
	case months == 0:
		return ""
	case months%12 == 0:
		return fmt.Sprintf("%d years (%d months)", months/12, months)
	}
	return fmt.Sprintf("%d months", months)
}

// formatDuration shows a short duration as "0:40" or "1:02:03".
func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// stageLabel words a document's stage for the table.
func stageLabel(r *rowState) string {
	switch r.status {
	case pipeline.DocSuccess:
		switch {
		case r.result != nil && r.result.NeedsReview:
			return "Done · check"
		case r.result != nil && r.result.Reviewed != nil:
			return "Done · reviewed"
		}
		return "Done"
	case pipeline.DocFailed:
		return "Failed"
	case pipeline.DocSkipped:
		return "Skipped"
	case pipeline.DocQueued, "":
		return "Queued"
	}
	switch r.stage {
	case pipeline.StageValidate:
		return "Checking"
	case pipeline.StageText:
		return "Reading text"
	case pipeline.StageOCR:
		if r.pages > 0 && r.page > 0 {
			return fmt.Sprintf("OCR page %d of %d", r.page, r.pages)
		}
		return "OCR"
	case pipeline.StageFields:
		return "Finding fields"
	case pipeline.StageStore:
		return "Saving"
	}
	return "Starting"
}
