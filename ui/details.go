package ui

import (
	"fmt"

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
	add("Status", stageLabel(r))
	add("Document type", typeLabel(res.DocumentType))
	add("Loan ID", f.LoanID)
	add("Borrower", f.BorrowerName)
	add("Lender", f.LenderName)
	add("Loan amount", formatMoney(f.LoanAmountCents))
	add("Interest rate", formatRate(f.InterestRatePct))
	add("APR", formatRate(f.APRPct))
	add("Term", formatTerm(f.TermMonths))
	add("Monthly P&I", formatMoney(f.MonthlyPaymentCents))
	add("Closing costs", formatMoney(f.ClosingCostsCents))
	add("Issue date", f.IssueDate)
	add("Property", f.PropertyAddress)
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
