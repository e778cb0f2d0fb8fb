package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/data/binding"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
	"loanbatch/ui/details"
	"loanbatch/ui/widgets"
)

// column is one column of the job table. field names the loan field it
// shows, to mark a corrected value.
type column struct {
	title string
	width float32
	field string
	text  func(i int, r *rowState) string
}

func resultText(r *rowState, f func(*pipeline.Result) string) string {
	if r.result == nil {
		return ""
	}
	return f(r.result)
}

// jobColumns are the job table's columns; they never change, so that a
// job of any size or outcome is drawn by the same callbacks. A failed
// document's reason is in its Stage cell (all of it on hover and in the
// details), rather than in a column that would push the figures away.
var jobColumns = []column{
	{"#", 40, "", func(i int, _ *rowState) string { return fmt.Sprint(i + 1) }},
	{"File", 180, "", func(_ int, r *rowState) string { return r.fileName }},
	{"Pages", 52, "", func(_ int, r *rowState) string {
		if r.pages == 0 {
			return ""
		}
		return fmt.Sprint(r.pages)
	}},
	{"Stage", 190, "", stageCellText},
	{"Document type", 180, "", func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.DocumentType.Label() })
	}},
	{"Loan ID", 140, pipeline.FieldLoanID, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.Fields.LoanID })
	}},
	{"Borrower", 150, pipeline.FieldBorrower, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return x.Fields.BorrowerName })
	}},
	{"Amount", 110, pipeline.FieldLoanAmount, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatMoney(x.Fields.LoanAmountCents) })
	}},
	{"Rate", 70, pipeline.FieldInterestRate, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatRate(x.Fields.InterestRatePct) })
	}},
	{"APR", 70, pipeline.FieldAPR, func(_ int, r *rowState) string {
		return resultText(r, func(x *pipeline.Result) string { return formatRate(x.Fields.APRPct) })
	}},
	{"Time", 72, "", func(_ int, r *rowState) string {
		return resultText(r, processingTime)
	}},
}

// Columns by their index in jobColumns.
const (
	fileColumn  = 1
	stageColumn = 3
)

// stageCellText is the stage, and for a failed document why.
func stageCellText(_ int, r *rowState) string {
	s := stageLabel(r)
	if r.status == pipeline.DocFailed && r.result != nil && r.result.ErrorMessage != "" {
		s += ": " + r.result.ErrorMessage
	}
	return s
}

func corrected(r *pipeline.Result, field string) bool {
	for _, c := range r.Corrections {
		if c.Field == field {
			return true
		}
	}
	return false
}

// needsAttention says a row is shown by "Needs review only": a result to
// check, or a failure.
func needsAttention(r *rowState) bool {
	return r.result != nil && (r.result.NeedsReview || r.status == pipeline.DocFailed)
}

// jobTable is the job's table; the arrow keys move the selection.
type jobTable struct {
	widget.Table
	move func(delta int)
}

// TypedKey moves the selection with Up and Down and leaves the rest to the
// table.
func (t *jobTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyUp:
		t.move(-1)
	case fyne.KeyDown:
		t.move(1)
	default:
		t.Table.TypedKey(e)
	}
}

// jobView shows one job: a header with its progress and a table with one
// row per document; selecting a row opens its details beside the table.
//
// Its state changes only on the UI goroutine, and always as one step: the
// rows, the rows shown and the selection are recomputed together (show)
// before the table is refreshed, and every table callback checks its row.
type jobView struct {
	state    *jobState
	progress binding.Float
	line     binding.String
	title    binding.String

	table      *jobTable
	visible    []int // the rows shown, as indexes into state.rows
	onlyReview *widget.Check
	notice     *widget.Label
	noticeDoc  string // the document the notice is about
	details    *fyne.Container
	split      *container.Split
	cancel     *widget.Button
	export     *widget.Button
	resume     *widget.Button
	retry      *widget.Button
	selected   int       // a row of state.rows, -1 for none
	widths     []float32 // the columns' widths, as laid out
	shownPanel *details.View

	// drafts are edits not saved yet, by document ID and field: they
	// survive the selection moving and the job being read again.
	drafts map[string]map[string]string

	onCancel  func()
	onExport  func()
	onResume  func()
	onRetry   func()
	onDetails func(r *rowState) *details.View
	onLeave   func(documentID string) // the selection left a document with drafts
	tips      *widgets.HoverTips      // where a cell's whole text shows
	content   fyne.CanvasObject
}

// newJobView makes the view with its columns' widths as a person left them
// (widths, as columnWidths gives them), else the defaults.
func newJobView(widths string) *jobView {
	return &jobView{
		state: newJobState(), progress: binding.NewFloat(), line: binding.NewString(),
		title: binding.NewString(), selected: -1, drafts: map[string]map[string]string{},
		widths: parseWidths(widths),
	}
}

// parseWidths reads "40,180,…", one width per column; anything else, or a
// width out of reason, gives the default.
func parseWidths(s string) []float32 {
	out := make([]float32, len(jobColumns))
	parts := strings.Split(s, ",")
	for i, c := range jobColumns {
		out[i] = c.width
		if len(parts) == len(jobColumns) {
			if w, err := strconv.ParseFloat(parts[i], 32); err == nil && w >= 24 && w <= 1200 {
				out[i] = float32(w)
			}
		}
	}
	return out
}

// columnWidths are the columns' widths now, to be kept for the next start.
func (v *jobView) columnWidths() string {
	parts := make([]string, len(v.widths))
	for i, w := range v.widths {
		parts[i] = strconv.Itoa(int(w + 0.5))
	}
	return strings.Join(parts, ",")
}

func (v *jobView) build() fyne.CanvasObject {
	v.table = &jobTable{move: v.moveSelection}
	v.table.Length = func() (int, int) { return len(v.visible), len(jobColumns) }
	v.table.CreateCell = func() fyne.CanvasObject { return widgets.NewTableCell(v.tips) }
	v.table.UpdateCell = v.updateCell
	v.table.ShowHeaderRow = true
	v.table.ExtendBaseWidget(v.table)
	v.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(jobColumns) {
			o.(*widget.Label).SetText(jobColumns[id.Col].title)
		}
	}
	for i, w := range v.widths {
		v.table.SetColumnWidth(i, w)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		v.selectRow(v.rowAt(id.Row))
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
		v.closeDetails()
		v.show()
		v.table.ScrollToTop()
	})
	v.notice = widget.NewLabel("")
	v.notice.Importance = widget.WarningImportance
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Hide()
	title := widget.NewLabelWithData(v.title)
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	bar := widget.NewProgressBarWithData(v.progress)
	line := widget.NewLabelWithData(v.line)
	line.Truncation = fyne.TextTruncateEllipsis
	header := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(v.resume, v.retry, v.export, v.cancel), title),
		bar,
		container.NewBorder(nil, nil, nil, v.onlyReview, line),
		v.notice)

	v.details = container.NewStack()
	v.split = container.NewHSplit(v.table, v.details)
	v.split.SetOffset(1)
	v.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, v.split)
	v.show()
	v.refreshHeader()
	return v.content
}

// rowAt maps a table row to a row of the state (-1 when there is none).
func (v *jobView) rowAt(tableRow int) int {
	if tableRow < 0 || tableRow >= len(v.visible) {
		return -1
	}
	if i := v.visible[tableRow]; i < len(v.state.rows) {
		return i
	}
	return -1
}

// show recomputes the rows shown from the state, drops a selection that is
// no longer shown, and then redraws: the one step every change of the
// state goes through.
func (v *jobView) show() {
	only := v.onlyReview != nil && v.onlyReview.Checked
	visible := make([]int, 0, len(v.state.rows))
	attention := 0
	for i := range v.state.rows {
		r := &v.state.rows[i]
		if needsAttention(r) {
			attention++
		}
		if !only || needsAttention(r) {
			visible = append(visible, i)
		}
	}
	v.visible = visible
	if v.selected >= len(v.state.rows) || (v.selected >= 0 && !slices.Contains(visible, v.selected)) {
		v.selected = -1
		v.hideDetails()
	}
	if v.onlyReview != nil {
		text := "Needs review only"
		if attention > 0 {
			text = fmt.Sprintf("Needs review only (%d)", attention)
		}
		if v.onlyReview.Text != text {
			v.onlyReview.Text = text
			v.onlyReview.Refresh()
		}
	}
	if v.table != nil {
		if v.selected < 0 {
			v.table.UnselectAll()
		}
		v.table.Refresh()
	}
}

func (v *jobView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell, ok := o.(*widgets.TableCell)
	if !ok {
		return
	}
	i := v.rowAt(id.Row)
	if i < 0 || id.Col < 0 || id.Col >= len(jobColumns) {
		cell.Set("", "")
		cell.Icon.Hide()
		return
	}
	col := jobColumns[id.Col]
	if w := cell.Size().Width; w > 0 {
		v.widths[id.Col] = w // the table lays a cell out at its column's width: a person may have dragged it
	}
	r := &v.state.rows[i]
	text := col.text(i, r)
	if col.field != "" && r.result != nil && corrected(r.result, col.field) {
		text += " ✎" // a person corrected this value
	}
	shown := ""
	if id.Col == fileColumn {
		shown = widgets.ShortenMiddle(text, v.widths[id.Col], cell.Label.TextStyle)
	}
	cell.Set(text, shown)
	cell.Label.Importance = widget.MediumImportance
	if id.Col == stageColumn {
		cell.Icon.SetResource(stageIcon(r))
		cell.Icon.Show()
		switch r.status {
		case pipeline.DocFailed:
			cell.Label.Importance = widget.DangerImportance
		case pipeline.DocSkipped:
			cell.Label.Importance = widget.LowImportance
		}
	} else {
		cell.Icon.Hide()
	}
	cell.Label.Refresh()
}

func stageIcon(r *rowState) fyne.Resource {
	switch r.status {
	case pipeline.DocSuccess:
		switch {
		case r.result != nil && r.result.NeedsReview:
			return theme.NewWarningThemedResource(theme.WarningIcon())
		case r.result != nil && r.result.Reviewed != nil:
			return theme.NewPrimaryThemedResource(theme.VisibilityIcon())
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
	selectedChanged := false
	prevCurrent := v.state.current
	for _, e := range events {
		if e.Kind == pipeline.EventJobStarted {
			structural = true
		}
		if touched := v.state.apply(e, now); touched >= 0 && touched == v.selected {
			selectedChanged = true
		}
	}
	if v.table == nil {
		return
	}
	if structural {
		v.say("", "")
		v.leaveSelection()
		v.selected = -1
		v.hideDetails()
	}
	v.show()
	if c := v.state.current; c >= 0 && c != prevCurrent && (v.onlyReview == nil || !v.onlyReview.Checked) {
		if row := slices.Index(v.visible, c); row >= 0 {
			v.table.ScrollTo(widget.TableCellID{Row: row, Col: 0}) // keep the row in progress in view
		}
	}
	v.refreshHeader()
	if selectedChanged && v.selected >= 0 {
		v.showDetails()
	}
}

// load shows a stored job; keep names a document to select again (a job
// read anew after a correction), or is empty.
func (v *jobView) load(sum *pipeline.Summary, keep string) {
	if keep == "" {
		v.leaveSelection()
	}
	if sum.JobID != v.state.jobID && v.notice != nil {
		v.say("", "") // the notice was about the job shown before
	}
	v.state.load(sum)
	v.selected = -1
	keepRow := -1
	if v.table == nil {
		v.refreshHeader()
		return
	}
	v.show()
	for row, i := range v.visible {
		if r := v.state.rows[i].result; keep != "" && r != nil && r.DocumentID == keep {
			keepRow = row
		}
	}
	if keepRow < 0 && keep != "" && v.onlyReview.Checked {
		v.onlyReview.SetChecked(false) // the document asked for is not among those to review
		for row, i := range v.visible {
			if r := v.state.rows[i].result; r != nil && r.DocumentID == keep {
				keepRow = row
			}
		}
	}
	if keepRow >= 0 {
		v.table.Select(widget.TableCellID{Row: keepRow, Col: fileColumn}) // opens its details
		v.table.ScrollTo(widget.TableCellID{Row: keepRow, Col: 0})
	} else {
		v.table.ScrollToTop()
		v.hideDetails()
	}
	v.refreshHeader()
}

func (v *jobView) refreshHeader() {
	s := v.state
	if s.jobID == "" {
		_ = v.title.Set("No job")
	} else {
		_ = v.title.Set(fmt.Sprintf("Job %s · %s", pipeline.ShortID(s.jobID), s.status.Label()))
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
		skipped := 0
		for i := range s.rows {
			if s.rows[i].status == pipeline.DocSkipped {
				skipped++
			}
		}
		// Retry runs the failed documents again, and the skipped ones of a
		// cancelled or stop-on-failure job, as a new job.
		v.retry.Hidden = s.live || s.failed+skipped == 0 || !s.status.Finished()
		label := "Retry failed"
		switch {
		case skipped > 0 && s.failed > 0:
			label = "Retry failed and skipped"
		case skipped > 0:
			label = "Run skipped"
		}
		if v.retry.Text != label {
			v.retry.SetText(label)
		}
		v.resume.Refresh()
		v.retry.Refresh()
		if s.jobID == "" {
			v.export.Disable()
		} else {
			v.export.Enable()
		}
	}
}

// selectRow opens the details of row i of the state (-1 closes them).
func (v *jobView) selectRow(i int) {
	if i != v.selected {
		v.leaveSelection()
	}
	v.selected = i
	if i < 0 {
		v.hideDetails()
		return
	}
	v.showDetails()
}

// moveSelection selects the row delta rows away from the selected one
// among those shown.
func (v *jobView) moveSelection(delta int) {
	if len(v.visible) == 0 {
		return
	}
	row := slices.Index(v.visible, v.selected)
	switch {
	case row < 0 && delta > 0:
		row = 0
	case row < 0:
		row = len(v.visible) - 1
	default:
		row = max(0, min(len(v.visible)-1, row+delta))
	}
	v.table.Select(widget.TableCellID{Row: row, Col: fileColumn})
	v.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
}

// selectNextToReview selects the first row after the selected one (then
// from the top) whose result needs review; it reports whether there was one.
func (v *jobView) selectNextToReview() bool {
	start := slices.Index(v.visible, v.selected)
	for k := 1; k <= len(v.visible); k++ {
		row := (start + k) % len(v.visible)
		if r := v.state.row(v.visible[row]); r != nil && r.result != nil && r.result.NeedsReview {
			v.table.Select(widget.TableCellID{Row: row, Col: fileColumn})
			v.table.ScrollTo(widget.TableCellID{Row: row, Col: 0})
			return true
		}
	}
	return false
}

// leaveSelection hands the selected document's unsaved edits to onLeave.
func (v *jobView) leaveSelection() {
	r := v.state.row(v.selected)
	if r == nil || r.result == nil || len(v.drafts[r.result.DocumentID]) == 0 || v.onLeave == nil {
		return
	}
	v.onLeave(r.result.DocumentID)
}

func (v *jobView) showDetails() {
	r := v.state.row(v.selected)
	if r == nil || v.onDetails == nil {
		return
	}
	v.shownPanel = v.onDetails(r)
	v.details.Objects = []fyne.CanvasObject{v.shownPanel.Content}
	v.details.Refresh()
	if v.split.Offset > 0.7 {
		v.split.SetOffset(0.6)
	}
}

// closeDetails closes the side panel and clears the selection.
func (v *jobView) closeDetails() {
	v.leaveSelection()
	v.selected = -1
	v.table.UnselectAll()
	v.hideDetails()
}

func (v *jobView) hideDetails() {
	v.shownPanel = nil
	if v.details == nil {
		return
	}
	v.details.Objects = nil
	v.details.Refresh()
	v.split.SetOffset(1)
}

// say shows a line above the table about a document's edits that could not
// be saved out of sight; empty text hides it.
func (v *jobView) say(documentID, text string) {
	v.noticeDoc = documentID
	v.notice.SetText(text)
	v.notice.Hidden = text == ""
	v.notice.Refresh()
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
