package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// detailsPanel lists everything known about one document, with buttons to
// open the stored file and to read the extracted text.
// detailActions are what the details panel can ask of the app.
type detailActions struct {
	open, text func(*pipeline.Result)
	close      func()
	// save stores corrections (field → typed text); review marks the
	// result reviewed. Both report an error to show, or nil.
	save   func(res *pipeline.Result, edits map[string]string) error
	review func(res *pipeline.Result) error
}

func detailsPanel(r *rowState, act detailActions) fyne.CanvasObject {
	onOpen, onText, onClose := act.open, act.text, act.close
	name := widget.NewLabel(r.fileName)
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), onClose)
	closeBtn.Importance = widget.LowImportance
	title := container.NewBorder(nil, nil, nil, closeBtn, name)
	if r.result == nil {
		return container.NewVBox(title, widget.NewLabel(stageLabel(r)))
	}
	res := r.result
	f := res.Fields
	form := widget.NewForm()
	add := func(label, value string) {
		if value == "" {
			value = "—"
		}
		l := widget.NewLabel(value)
		l.Wrapping = fyne.TextWrapWord
		form.Append(label, l)
	}
	// field adds an editable value with where it was found, how sure the
	// extraction is and whether a person corrected it.
	entries := map[string]*widget.Entry{}
	original := map[string]string{}
	field := func(label, key, value string) {
		e := widget.NewEntry()
		e.SetText(value)
		e.SetPlaceHolder("not found")
		entries[key], original[key] = e, value
		var hints []string
		if p := res.FieldPages[key]; p > 0 && res.Pages > 1 && value != "" {
			hints = append(hints, fmt.Sprintf("page %d", p))
		}
		if c, ok := res.FieldConfidence[key]; ok && c < 0.8 {
			hints = append(hints, fmt.Sprintf("uncertain, %.0f %%", c*100))
		}
		for _, c := range res.Corrections {
			if c.Field == key {
				hints = append(hints, fmt.Sprintf("corrected by %s; extracted %s", c.By, orNone(pipeline.FormatValue(key, c.Extracted))))
			}
		}
		var item fyne.CanvasObject = e
		if len(hints) > 0 {
			h := widget.NewLabel(strings.Join(hints, " · "))
			h.Importance = widget.LowImportance
			h.Wrapping = fyne.TextWrapWord
			item = container.NewVBox(e, h)
		}
		form.Append(label, item)
	}
	add("Status", stageLabel(r))
	add("Document type", typeLabel(res.DocumentType))
	field("Loan ID", "loan_id", f.LoanID)
	field("Borrower", "borrower_name", f.BorrowerName)
	field("Lender", "lender_name", f.LenderName)
	field("Loan amount", "loan_amount_cents", formatMoney(f.LoanAmountCents))
	field("Interest rate", "interest_rate_pct", formatRate(f.InterestRatePct))
	field("APR", "apr_pct", formatRate(f.APRPct))
	field("Term", "term_months", termText(f.TermMonths))
	field("Monthly P&I", "monthly_payment_cents", formatMoney(f.MonthlyPaymentCents))
	field("Closing costs", "closing_costs_cents", formatMoney(f.ClosingCostsCents))
	field("Issue date", "issue_date", f.IssueDate)
	field("Property", "property_address", f.PropertyAddress)
	add("Text source", sourceLabel(res.TextSource))
	if res.Pages > 0 {
		add("Pages", fmt.Sprint(res.Pages))
	}
	add("Time", fmt.Sprintf("%.2f s", res.ProcessingTime))
	add("SHA-256", res.SHA256)
	items := []fyne.CanvasObject{title}
	if res.ErrorMessage != "" {
		msg := widget.NewLabel(res.ErrorMessage)
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.DangerImportance
		if res.Status == pipeline.DocSkipped {
			msg.Importance = widget.MediumImportance
		}
		items = append(items, msg)
		if res.ErrorType != "" {
			items = append(items, widget.NewLabel("Error type: "+string(res.ErrorType)+" · diagnostics are in the log"))
		}
	}
	if d := res.DuplicateOf; d != nil {
		dup := widget.NewLabel(fmt.Sprintf("Same file as %s in job %s", d.FileName, shortID(d.JobID)))
		dup.Wrapping = fyne.TextWrapWord
		dup.Importance = widget.WarningImportance
		items = append(items, dup)
	}
	if len(res.ReviewReasons) > 0 {
		head := "Notes"
		if res.NeedsReview {
			head = "Please check"
		}
		note := widget.NewLabel(head + ": " + strings.Join(res.ReviewReasons, "; "))
		note.Wrapping = fyne.TextWrapWord
		if res.NeedsReview {
			note.Importance = widget.WarningImportance
		}
		items = append(items, note)
	}
	items = append(items, form)
	open := widget.NewButtonWithIcon("Open document", theme.FileIcon(), func() { onOpen(res) })
	text := widget.NewButtonWithIcon("Show extracted text", theme.DocumentIcon(), func() { onText(res) })
	if res.SHA256 == "" {
		open.Disable()
	}
	if res.Status != pipeline.DocSuccess {
		text.Disable()
	}
	message := widget.NewLabel("")
	message.Wrapping = fyne.TextWrapWord
	message.Hide()
	say := func(err error, ok string) {
		if err != nil {
			message.SetText(err.Error())
			message.Importance = widget.DangerImportance
		} else {
			message.SetText(ok)
			message.Importance = widget.SuccessImportance
		}
		message.Show()
		message.Refresh()
	}
	save := widget.NewButtonWithIcon("Save corrections", theme.DocumentSaveIcon(), func() {
		edits := map[string]string{}
		for k, e := range entries {
			if e.Text != original[k] {
				edits[k] = e.Text
			}
		}
		if len(edits) == 0 {
			say(nil, "Nothing changed.")
			return
		}
		say(act.save(res, edits), "Saved.")
	})
	reviewed := widget.NewButtonWithIcon("Mark reviewed", theme.ConfirmIcon(), func() {
		say(act.review(res), "Marked reviewed.")
	})
	if res.Status != pipeline.DocSuccess {
		save.Disable()
		reviewed.Disable()
	}
	if res.Reviewed != nil {
		reviewed.SetText("Reviewed by " + res.Reviewed.By)
		reviewed.Disable()
	}
	items = append(items, container.NewHBox(save, reviewed), message, container.NewHBox(open, text))
	return container.NewVBox(items...)
}

func termText(months int) string {
	if months == 0 {
		return ""
	}
	return fmt.Sprintf("%d months", months)
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

func sourceLabel(s pipeline.TextSource) string {
	switch s {
	case pipeline.SourceTextLayer:
		return "PDF text layer"
	case pipeline.SourceOCR:
		return "OCR (scanned)"
	case pipeline.SourceMixed:
		return "Text layer and OCR"
	}
	return ""
}
