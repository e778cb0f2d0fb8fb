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
func detailsPanel(r *rowState, onOpen, onText func(*pipeline.Result), onClose func()) fyne.CanvasObject {
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
	// field adds an extracted value with where it was found and, when
	// doubtful, how sure the extraction is.
	field := func(label, key, value string) {
		if value != "" {
			if p := res.FieldPages[key]; p > 0 && res.Pages > 1 {
				value += fmt.Sprintf("  (page %d)", p)
			}
			if c, ok := res.FieldConfidence[key]; ok && c < 0.8 {
				value += fmt.Sprintf("  · uncertain, %.0f %%", c*100)
			}
		}
		add(label, value)
	}
	add("Status", stageLabel(r))
	add("Document type", typeLabel(res.DocumentType))
	field("Loan ID", "loan_id", f.LoanID)
	field("Borrower", "borrower_name", f.BorrowerName)
	field("Lender", "lender_name", f.LenderName)
	field("Loan amount", "loan_amount_cents", formatMoney(f.LoanAmountCents))
	field("Interest rate", "interest_rate_pct", formatRate(f.InterestRatePct))
	field("APR", "apr_pct", formatRate(f.APRPct))
	field("Term", "term_months", formatTerm(f.TermMonths))
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
	items = append(items, container.NewHBox(open, text))
	return container.NewVBox(items...)
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
