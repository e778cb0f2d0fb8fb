package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// column is one column of the job table.
type column struct {
	title string
	width float32
	text  func(i int, r *rowState) string
}

// columnFields are the loan fields shown by columns, to mark corrected values.
var columnFields = map[string]string{
	"Loan ID": "loan_id", "Borrower": "borrower_name", "Amount": "loan_amount_cents",
	"Rate": "interest_rate_pct", "APR": "apr_pct",
}

func resultText(r *rowState, f func(*pipeline.Result) string) string {
	if r.result == nil {
		return ""
	}
	return f(r.result)
}

var jobColumns = []column{
	{"#", 40, func(i int, _ *rowState) string { return fmt.Sprint(i + 1) }},
	{"File", 170, func(_ int, r *rowState) string { return r.fileName }},
	{"Pages", 52, func(_ int, r *rowState) string {
		if r.pages == 0 {
			return ""
		}
		return fmt.Sprint(r.pages)
	}},
	{"Stage", 136, stageLabelAt},
	{"Document type", 130, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return typeLabel(x.DocumentType) })
	}},
	{"Loan ID", 156, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.Fields.LoanID })
	}},
	{"Borrower", 140, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.Fields.BorrowerName })
	}},
	{"Amount", 108, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatMoney(x.Fields.LoanAmountCents) })
	}},
	{"Rate", 66, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatRate(x.Fields.InterestRatePct) })
	}},
	{"APR", 66, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatRate(x.Fields.APRPct) })
	}},
	{"Time", 72, func(_ int, r *rowState) string {
		return resultText(r, processingTime)
	}},
	{"Error", 230, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.ErrorMessage })
	}},
}

func stageLabelAt(_ int, r *rowState) string { return stageLabel(r) }

func corrected(r *pipeline.Result, field string) bool {
	for _, c := range r.Corrections {
		if c.Field == field {
			return true
		}
	}
	return false
}

// rowAt maps a table row to a row of the state (-1 when out of range).
func (v *jobView) rowAt(tableRow int) int {
	if tableRow < 0 || tableRow >= len(v.visible) {
		return -1
	}
	return v.visible[tableRow]
}

// filterRows recomputes the rows shown: all, or only those to review.
func (v *jobView) filterRows() {
	v.visible = v.visible[:0]
	only := v.onlyReview != nil && v.onlyReview.Checked
	for i, r := range v.state.rows {
		if !only || (r.result != nil && (r.result.NeedsReview || r.status == pipeline.DocFailed)) {
			v.visible = append(v.visible, i)
		}
	}
}

const (
	stageColumn = 3
	errorColumn = 11 // the last of jobColumns; shown after Stage when a row failed
)

// columnsFor returns the table's columns as indexes into jobColumns: with
// failures the Error column moves next to Stage, so that the reason a
// document failed is in view without scrolling; without failures it is
// left out.
func columnsFor(s *jobState) []int {
	cols := []int{0, 1, 2, stageColumn}
	if s.failed > 0 {
		cols = append(cols, errorColumn)
	}
	for i := stageColumn + 1; i < errorColumn; i++ {
		cols = append(cols, i)
	}
	return cols
}

// jobView shows one job: a header with its progress and a table with one
// row per document; selecting a row opens its details beside the table.
type jobView struct {
	state    *jobState
	progress binding.Float
	line     binding.String
	title    binding.String

	table      *widget.Table
	cols       []int // the columns shown, as indexes into jobColumns
	visible    []int // the rows shown, as indexes into state.rows
	onlyReview *widget.Check
	details    *fyne.Container
	split      *container.Split
	cancel     *widget.Button
	export     *widget.Button
	resume     *widget.Button
	retry      *widget.Button
	selected   int

	onCancel  func()
	onExport  func()
	onResume  func()
	onRetry   func()
	onDetails func(r *rowState) fyne.CanvasObject
	content   fyne.CanvasObject
}

func newJobView() *jobView {
	v := &jobView{
		state: newJobState(), progress: binding.NewFloat(), line: binding.NewString(),
		title: binding.NewString(), selected: -1,
	}
	return v
}

func (v *jobView) build() fyne.CanvasObject {
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.visible), len(v.cols) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(nil)
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, icon, nil, label)
		},
		v.updateCell,
	)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(v.cols) {
			o.(*widget.Label).SetText(jobColumns[v.cols[id.Col]].title)
		}
	}
	v.setColumns()
	v.table.OnSelected = func(id widget.TableCellID) {
		v.selected = v.rowAt(id.Row)
		v.showDetails()
	}

	v.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if v.onCancel != nil {
			v.onCancel()
		}
	})
	v.export = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() {
		if v.onExport != nil {
			v.onExport()
		}
	})
	v.resume = widget.NewButtonWithIcon("Resume", theme.MediaPlayIcon(), func() {
		if v.onResume != nil {
			v.onResume()
		}
	})
	v.resume.Importance = widget.HighImportance
	v.retry = widget.NewButtonWithIcon("Retry failed", theme.ViewRefreshIcon(), func() {
		if v.onRetry != nil {
			v.onRetry()
		}
	})
	v.onlyReview = widget.NewCheck("Needs review only", func(bool) {
		v.filterRows()
		v.closeDetails()
		v.table.Refresh()
	})
	title := widget.NewLabelWithData(v.title)
	title.TextStyle.Bold = true
	bar := widget.NewProgressBarWithData(v.progress)
	header := container.NewBorder(nil, nil, title, container.NewHBox(v.resume, v.retry, v.export, v.cancel),
		container.NewVBox(bar, container.NewBorder(nil, nil, nil, v.onlyReview, widget.NewLabelWithData(v.line))))

	v.details = container.NewStack()
	v.split = container.NewHSplit(v.table, container.NewVScroll(v.details))
	v.split.SetOffset(1)
	v.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, v.split)
	v.refreshHeader()
	return v.content
}

func (v *jobView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	i := v.rowAt(id.Row)
	if i < 0 || id.Col < 0 || id.Col >= len(v.cols) {
		return
	}
	col := v.cols[id.Col]
	r := &v.state.rows[i]
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	icon := box.Objects[1].(*widget.Icon)
	text := jobColumns[col].text(i, r)
	if f := columnFields[jobColumns[col].title]; f != "" && r.result != nil && corrected(r.result, f) {
		text += " ✎" // a person corrected this value
	}
	label.SetText(text)
	label.Importance = widget.MediumImportance
	icon.Hidden = col != stageColumn
	if col == stageColumn {
		icon.SetResource(stageIcon(r))
	}
	if r.status == pipeline.DocFailed && (col == stageColumn || col == errorColumn) {
		label.Importance = widget.DangerImportance
	}
	if r.status == pipeline.DocSkipped && col == stageColumn {
		label.Importance = widget.LowImportance
	}
	label.Refresh()
}

func stageIcon(r *rowState) fyne.Resource {
	switch r.status {
	case pipeline.DocSuccess:
		if r.result != nil && r.result.NeedsReview {
			return theme.NewWarningThemedResource(theme.WarningIcon())
		}
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case pipeline.DocFailed:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case pipeline.DocSkipped:
		return theme.NewDisabledResource(theme.MediaSkipNextIcon())
	case pipeline.DocProcessing:
		return theme.NewPrimaryThemedResource(theme.MediaPlayIcon())
	}
	return theme.NewDisabledResource(theme.MoreHorizontalIcon())
}

// applyEvents takes a batch of events on the UI goroutine.
func (v *jobView) applyEvents(events []pipeline.Event, now time.Time) {
	structural := false
	prevCurrent := v.state.current
	for _, e := range events {
		if e.Kind == pipeline.EventJobStarted || e.Kind == pipeline.EventJobDone {
			structural = true
		}
		v.state.apply(e, now)
	}
	if v.table == nil {
		return
	}
	v.setColumns()
	v.filterRows()
	if structural {
		v.selected = -1
		v.table.UnselectAll()
		v.hideDetails()
	}
	v.table.Refresh()
	if c := v.state.current; c >= 0 && c != prevCurrent && (v.onlyReview == nil || !v.onlyReview.Checked) {
		v.table.ScrollTo(widget.TableCellID{Row: c, Col: 0}) // keep the row in progress in view
	}
	v.refreshHeader()
	if v.selected >= 0 && !structural {
		v.showDetails()
	}
}

// load shows a stored job.
func (v *jobView) load(sum *pipeline.Summary) {
	v.state.load(sum)
	v.selected = -1
	if v.table != nil {
		v.setColumns()
		v.filterRows()
		v.table.UnselectAll()
		v.table.Refresh()
		v.table.ScrollToTop()
		v.hideDetails()
	}
	v.refreshHeader()
}

// setColumns lays out the table's columns for the current state.
func (v *jobView) setColumns() {
	cols := columnsFor(v.state)
	if len(cols) == len(v.cols) {
		return
	}
	v.cols = cols
	for i, c := range cols {
		v.table.SetColumnWidth(i, jobColumns[c].width)
	}
}

func (v *jobView) refreshHeader() {
	s := v.state
	if s.jobID == "" {
		_ = v.title.Set("No job")
	} else {
		_ = v.title.Set(fmt.Sprintf("Job %s · %s", shortID(s.jobID), statusLabel(s.status)))
	}
	_ = v.progress.Set(s.progress())
	_ = v.line.Set(s.statusLine(time.Now()))
	if v.cancel != nil {
		if s.live {
			v.cancel.Enable()
		} else {
			v.cancel.Disable()
		}
		v.resume.Hidden = s.live || s.status != pipeline.JobInterrupted
		v.retry.Hidden = s.live || s.failed == 0 || !s.status.Finished()
		v.resume.Refresh()
		v.retry.Refresh()
		if s.jobID == "" {
			v.export.Disable()
		} else {
			v.export.Enable()
		}
	}
}

func (v *jobView) showDetails() {
	r := v.state.row(v.selected)
	if r == nil || v.onDetails == nil {
		return
	}
	v.details.Objects = []fyne.CanvasObject{v.onDetails(r)}
	v.details.Refresh()
	if v.split.Offset > 0.7 {
		v.split.SetOffset(0.62)
	}
}

// closeDetails closes the side panel and clears the selection.
func (v *jobView) closeDetails() {
	v.selected = -1
	v.table.UnselectAll()
	v.hideDetails()
}

func (v *jobView) hideDetails() {
	v.details.Objects = nil
	v.details.Refresh()
	v.split.SetOffset(1)
}

// processingTime is how long a document took, "< 0.1 s" for a text PDF's
// milliseconds and nothing for a skipped document.
func processingTime(x *pipeline.Result) string {
	switch {
	case x.Status == pipeline.DocSkipped:
		return ""
	case x.ProcessingTime < 0.05:
		return "< 0.1 s"
	}
	return fmt.Sprintf("%.1f s", x.ProcessingTime)
}
