package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

var historyColumns = []struct {
	title string
	width float32
	text  func(j pipeline.JobInfo) string
}{
	{"Date", 140, func(j pipeline.JobInfo) string { return j.CreatedAt.Local().Format("2006-01-02 15:04") }},
	{"Job", 90, func(j pipeline.JobInfo) string { return shortID(j.JobID) }},
	{"Documents", 90, func(j pipeline.JobInfo) string { return fmt.Sprint(j.TotalDocuments) }},
	{"Succeeded", 90, func(j pipeline.JobInfo) string { return fmt.Sprint(j.SuccessfulDocuments) }},
	{"Failed", 70, func(j pipeline.JobInfo) string { return fmt.Sprint(j.FailedDocuments) }},
	{"Status", 180, func(j pipeline.JobInfo) string { return statusLabel(j.Status) }},
	{"Duration", 90, func(j pipeline.JobInfo) string {
		if j.StartedAt == nil || j.CompletedAt == nil {
			return ""
		}
		return formatDuration(j.CompletedAt.Sub(*j.StartedAt))
	}},
}

// historyView lists past jobs, newest first, with a filter box; opening
// one shows it in the job view.
type historyView struct {
	all     []pipeline.JobInfo
	shown   []pipeline.JobInfo
	filter  *widget.Entry
	table   *widget.Table
	empty   *widget.Label
	onOpen  func(jobID string)
	content fyne.CanvasObject
}

func (h *historyView) build() fyne.CanvasObject {
	h.filter = widget.NewEntry()
	h.filter.SetPlaceHolder("Filter by date, job ID or status")
	h.filter.OnChanged = func(string) { h.applyFilter() }
	h.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(h.shown), len(historyColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(h.shown) && id.Col < len(historyColumns) {
				o.(*widget.Label).SetText(historyColumns[id.Col].text(h.shown[id.Row]))
			}
		})
	h.table.ShowHeaderColumn = false
	h.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	h.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(historyColumns) {
			o.(*widget.Label).SetText(historyColumns[id.Col].title)
		}
	}
	for i, c := range historyColumns {
		h.table.SetColumnWidth(i, c.width)
	}
	h.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(h.shown) && h.onOpen != nil {
			h.onOpen(h.shown[id.Row].JobID)
		}
		h.table.UnselectAll()
	}
	h.empty = widget.NewLabel("No jobs yet: drop documents on the window to start one.")
	h.empty.Importance = widget.LowImportance
	h.content = container.NewBorder(container.NewVBox(container.NewPadded(h.filter), h.empty), nil, nil, nil, h.table)
	h.applyFilter()
	return h.content
}

// setJobs replaces the list; called on the UI goroutine.
func (h *historyView) setJobs(jobs []pipeline.JobInfo) {
	h.all = jobs
	h.applyFilter()
}

func (h *historyView) applyFilter() {
	q := ""
	if h.filter != nil {
		q = strings.ToLower(strings.TrimSpace(h.filter.Text))
	}
	h.shown = h.shown[:0]
	for _, j := range h.all {
		hay := strings.ToLower(strings.Join([]string{
			j.JobID, string(j.Status), statusLabel(j.Status),
			j.CreatedAt.Local().Format("2006-01-02 15:04"),
		}, " "))
		if q == "" || strings.Contains(hay, q) {
			h.shown = append(h.shown, j)
		}
	}
	if h.table != nil {
		h.table.Refresh()
		h.empty.Hidden = len(h.shown) > 0
		if len(h.all) > 0 && len(h.shown) == 0 {
			h.empty.SetText("No job matches the filter.")
			h.empty.Hidden = false
		}
		h.empty.Refresh()
	}
}
