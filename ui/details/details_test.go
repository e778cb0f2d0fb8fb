package details

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// shownText is the text of every label of o that is visible.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return b.String()
}

func noActions() Actions {
	return Actions{
		Open: func(*pipeline.Result) {}, Text: func(*pipeline.Result) {}, Close: func() {},
		Save:   func(_ *pipeline.Result, _ map[string]any, then func(error)) { then(nil) },
		Review: func(_ *pipeline.Result, _ map[string]any, then func(error)) { then(nil) },
		Drafts: func(string) map[string]string { return map[string]string{} },
	}
}

// What extraction asked a person to check reads as history once the person
// has corrected fields, and what the last action said goes when a value
// is edited again.
func TestNotesAfterCorrections(t *testing.T) {
	test.NewTempApp(t)
	res := &pipeline.Result{
		FileName: "a.pdf", Status: pipeline.DocSuccess, DocumentID: "d1", NeedsReview: true,
		ReviewReasons: []string{"no loan ID found"},
	}
	v := New(Doc{FileName: "a.pdf", Stage: "Done", Result: res}, noActions())
	if got := shownText(v.Content); !strings.Contains(got, "Please check: no loan ID found") {
		t.Errorf("before any correction the panel reads %q; want it to ask to check the loan ID", got)
	}
	res.Fields.LoanID = "A-55"
	res.Corrections = []pipeline.Correction{{Field: pipeline.FieldLoanID, Corrected: "A-55", By: "ann", At: time.Now()}}
	v = New(Doc{FileName: "a.pdf", Stage: "Done", Result: res}, noActions())
	got := shownText(v.Content)
	if strings.Contains(got, "Please check") || !strings.Contains(got, "Before the corrections: no loan ID found") {
		t.Errorf("after the loan ID was corrected the panel reads %q; want the reason as history", got)
	}
	v.markReviewed() // nothing wrong: "Marked reviewed."
	if !v.message.Visible() {
		t.Fatal("marking reviewed said nothing")
	}
	v.Entries[pipeline.FieldBorrower].SetText("Ann Lee")
	if v.message.Visible() {
		t.Errorf("the message %q stays after a value was edited", v.message.Text)
	}
}
