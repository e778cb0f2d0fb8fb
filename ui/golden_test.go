package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"loanbatch/pipeline"
)

// fixedSummary is a finished job with a success, a failure and a skip,
// fixed in every detail so its rendering can be compared with a master.
func fixedSummary() *pipeline.Summary {
	start := time.Date(2026, 11, 29, 10, 30, 0, 0, time.Local)
	return &pipeline.Summary{
		JobID: "3f0c1a2b-0000-4000-8000-000000000001", Status: pipeline.JobCompletedWithErrors,
		TotalDocuments: 3, ProcessedDocuments: 2, SuccessfulDocuments: 1, FailedDocuments: 1, SkippedDocuments: 1,
		StartTime: start, EndTime: start.Add(7 * time.Second), TotalProcessingTime: 7,
		Results: []pipeline.Result{
			{
				FileName: "harbor-estimate.pdf", Status: pipeline.DocSuccess, Pages: 3, TextSource: pipeline.SourceTextLayer,
				DocumentType: pipeline.TypeLoanEstimate, LoanID: "LN-2026-004417", ProcessingTime: 1.84,
				Fields: pipeline.Fields{
					LoanID: "LN-2026-004417", BorrowerName: "Maria T. Gonzalez", LenderName: "Harbor Point Mortgage",
					LoanAmountCents: 25000000, InterestRatePct: 6.875, APRPct: 7.012, TermMonths: 360,
				},
			},
			{
				FileName: "photo.gif", Status: pipeline.DocFailed, ErrorType: pipeline.KindValidation,
				ErrorMessage: "GIF image is not a supported format: use PDF, JPEG, PNG or TIFF",
			},
			{FileName: "later.pdf", Status: pipeline.DocSkipped, ErrorMessage: "Skipped: the job was cancelled"},
		},
	}
}

func TestGoldenViews(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.win.Resize(fyne.NewSize(1280, 800))
	test.AssertRendersToMarkup(t, "start.xml", h.win.Canvas())

	h.ui.job.load(fixedSummary(), "")
	h.ui.showJobArea()
	test.AssertRendersToMarkup(t, "job.xml", h.win.Canvas())

	created := time.Date(2026, 11, 29, 10, 30, 0, 0, time.Local)
	done := created.Add(7 * time.Second)
	h.ui.history.setJobs([]pipeline.JobInfo{{
		JobID: "3f0c1a2b-0000-4000-8000-000000000001", Status: pipeline.JobCompletedWithErrors,
		TotalDocuments: 3, SuccessfulDocuments: 1, FailedDocuments: 1, SkippedDocuments: 1,
		CreatedAt: created, StartedAt: &created, CompletedAt: &done,
	}})
	h.ui.tabs.SelectIndex(1)
	test.AssertRendersToMarkup(t, "history.xml", h.win.Canvas())
}

func TestKeyboardShortcuts(t *testing.T) {
	h := newHarness(t, t.TempDir())
	sc := h.win.Canvas().(fyne.Shortcutable)
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	if h.ui.tabs.SelectedIndex() != 1 {
		t.Error("Ctrl+H did not show the history")
	}
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
	dlg := h.win.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("Ctrl+O opened no file dialog")
	}
	// Behind a dialog shortcuts do nothing; Esc closes it.
	h.ui.tabs.SelectIndex(0)
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	if h.ui.tabs.SelectedIndex() != 0 {
		t.Error("Ctrl+H acted behind the open dialog")
	}
	h.win.Canvas().Focus(nil)
	h.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the dialog")
	}
}
