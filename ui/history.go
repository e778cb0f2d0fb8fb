package ui

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
	"loanbatch/ui/widgets"
)

// historyColumn is a column of a History table over rows of type T.
type historyColumn[T any] struct {
	title string
	width float32
	text  func(T) string
}

var historyColumns = []historyColumn[pipeline.JobInfo]{
	{"Date", 130, func(j pipeline.JobInfo) string { return j.CreatedAt.Local().Format("2006-01-02 15:04") }},
	{"Job", 330, func(j pipeline.JobInfo) string { return cmp.Or(j.Title, "—") }},
	{"Documents", 90, func(j pipeline.JobInfo) string { return fmt.Sprint(j.TotalDocuments) }},
	{"Succeeded", 84, func(j pipeline.JobInfo) string { return fmt.Sprint(j.SuccessfulDocuments) }},
	{"Failed", 62, func(j pipeline.JobInfo) string { return fmt.Sprint(j.FailedDocuments) }},
	{"Skipped", 70, func(j pipeline.JobInfo) string { return fmt.Sprint(j.SkippedDocuments) }},
	{"To review", 84, func(j pipeline.JobInfo) string { return fmt.Sprint(j.NeedsReviewDocuments) }},
	{"Status", 170, func(j pipeline.JobInfo) string { return j.Status.Label() }},
	{"Duration", 80, func(j pipeline.JobInfo) string {
		if j.StartedAt == nil || j.CompletedAt == nil {
			return ""
		}
		return formatDuration(j.CompletedAt.Sub(*j.StartedAt))
	}},
	{"Job ID", 90, func(j pipeline.JobInfo) string { return pipeline.ShortID(j.JobID) }},
}

var hitColumns = []historyColumn[pipeline.SearchHit]{
	{"Date", 130, func(h pipeline.SearchHit) string { return h.JobCreatedAt.Local().Format("2006-01-02 15:04") }},
	{"File", 200, func(h pipeline.SearchHit) string { return h.FileName }},
	{"Borrower", 150, func(h pipeline.SearchHit) string { return h.Borrower }},
	{"Loan ID", 130, func(h pipeline.SearchHit) string { return h.LoanID }},
	{"Found", 360, func(h pipeline.SearchHit) string {
		return strings.NewReplacer(pipeline.SnippetOpen, "", pipeline.SnippetClose, "").Replace(h.Snippet)
	}},
	{"Job", 300, func(h pipeline.SearchHit) string { return h.JobTitle }},
}

// historyView lists past jobs, newest first. Its box filters them by what
// the list shows and searches every document ever processed (borrower,
// lender, loan ID, address, file name, any word of the text); opening a
// job or a document shows it in the job view.
type historyView struct {
	all     []pipeline.JobInfo
	shown   []pipeline.JobInfo
	hits    []pipeline.SearchHit
	query   string // the search the hits answer
	filter  *widget.Entry
	table   *widget.Table
	hitList *widget.Table
	hitHead *widget.Label
	empty   *widget.Label
	tips    *widgets.HoverTips

	onOpen    func(jobID string)
	onOpenHit func(h pipeline.SearchHit)
	onSearch  func(query string) // runs the search; setHits answers it
	content   fyne.CanvasObject
	body      *fyne.Container // the jobs, or the jobs over the documents found
	jobsPane  fyne.CanvasObject
	foundPane fyne.CanvasObject
	split     *container.Split // while there is a search
}

// newHistoryTable is a table of rows with columns; open is called with the
// row a person selects.
func newHistoryTable[T any](rows *[]T, cols []historyColumn[T], tips *widgets.HoverTips, open func(T)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*rows), len(cols) },
		func() fyne.CanvasObject { return widgets.NewTableCell(tips) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c, ok := o.(*widgets.TableCell)
			if !ok {
				return
			}
			if id.Row < 0 || id.Row >= len(*rows) || id.Col < 0 || id.Col >= len(cols) {
				c.Set("", "")
				c.Icon.Hide()
				return
			}
			c.Icon.Hide()
			c.Set(cols[id.Col].text((*rows)[id.Row]), "")
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(*rows) && open != nil {
			open((*rows)[id.Row])
		}
		t.UnselectAll()
	}
	return t
}

func (h *historyView) build() fyne.CanvasObject {
	h.filter = widget.NewEntry()
	h.filter.SetPlaceHolder("Search: borrower, lender, loan ID, address, file name or any word of a document")
	h.filter.OnChanged = func(string) { h.applyFilter() }
	h.table = newHistoryTable(&h.shown, historyColumns, h.tips, func(j pipeline.JobInfo) {
		if h.onOpen != nil {
			h.onOpen(j.JobID)
		}
	})
	h.hitList = newHistoryTable(&h.hits, hitColumns, h.tips, func(hit pipeline.SearchHit) {
		if h.onOpenHit != nil {
			h.onOpenHit(hit)
		}
	})
	h.hitHead = widget.NewLabel("")
	h.hitHead.TextStyle.Bold = true
	h.empty = widget.NewLabel("No jobs yet: drop documents on the window to start one.")
	h.empty.Importance = widget.LowImportance
	h.jobsPane = container.NewBorder(h.empty, nil, nil, nil, h.table)
	h.foundPane = container.NewBorder(h.hitHead, nil, nil, nil, h.hitList)
	h.body = container.NewStack(h.jobsPane)
	h.content = container.NewBorder(container.NewPadded(h.filter), nil, nil, nil, h.body)
	h.applyFilter()
	return h.content
}

// setJobs replaces the list; called on the UI goroutine.
func (h *historyView) setJobs(jobs []pipeline.JobInfo) {
	h.all = jobs
	h.applyFilter()
}

// setHits shows the documents found for query, unless the box has moved
// on since; called on the UI goroutine.
func (h *historyView) setHits(query string, hits []pipeline.SearchHit) {
	if h.filter == nil || strings.TrimSpace(h.filter.Text) != query {
		return // a later search will answer
	}
	h.query, h.hits = query, hits
	h.showHits()
}

func (h *historyView) showHits() {
	if h.hitList == nil {
		return
	}
	switch {
	case h.query == "":
		h.hitHead.SetText("")
	case len(h.hits) == 0:
		h.hitHead.SetText(fmt.Sprintf("No document mentions %q.", h.query))
	case len(h.hits) == 1:
		h.hitHead.SetText(fmt.Sprintf("1 document mentions %q: select it to open its job", h.query))
	default:
		h.hitHead.SetText(fmt.Sprintf("%d documents mention %q: select one to open its job", len(h.hits), h.query))
	}
	h.hitList.Refresh()
	h.hitList.ScrollToTop()
	// The documents found show below the jobs only while there is a search.
	switch {
	case h.query == "" && h.split != nil:
		h.split = nil
		h.body.Objects = []fyne.CanvasObject{h.jobsPane}
		h.body.Refresh()
	case h.query != "" && h.split == nil:
		h.split = container.NewVSplit(h.jobsPane, h.foundPane)
		h.split.SetOffset(0.4)
		h.body.Objects = []fyne.CanvasObject{h.split}
		h.body.Refresh()
	}
}

func (h *historyView) applyFilter() {
	q := ""
	if h.filter != nil {
		q = strings.TrimSpace(h.filter.Text)
	}
	low := strings.ToLower(q)
	shown := make([]pipeline.JobInfo, 0, len(h.all))
	for _, j := range h.all {
		hay := strings.ToLower(strings.Join([]string{
			j.JobID, j.Title, string(j.Status), j.Status.Label(),
			j.CreatedAt.Local().Format("2006-01-02 15:04"),
		}, " "))
		if low == "" || strings.Contains(hay, low) {
			shown = append(shown, j)
		}
	}
	h.shown = shown
	if h.table == nil {
		return
	}
	h.table.Refresh()
	switch {
	case len(h.all) == 0:
		h.empty.SetText("No jobs yet: drop documents on the window to start one.")
		h.empty.Show()
	case len(shown) == 0:
		h.empty.SetText("No job's title, date or status matches; the documents found are below.")
		h.empty.Show()
	default:
		h.empty.Hide()
	}
	if q == "" {
		h.query, h.hits = "", nil
		h.showHits()
	} else if q != h.query && h.onSearch != nil {
		h.onSearch(q)
	}
}

func (u *UI) reloadHistory() {
	st := u.currentStore()
	if st == nil {
		return
	}
	background(u, st.Jobs, func(jobs []pipeline.JobInfo, err error) {
		if err != nil {
			u.log.Error("list jobs", "err", err)
			return
		}
		u.history.setJobs(jobs)
	})
}

// openJob shows a stored job in the job view.
func (u *UI) openJob(jobID string) {
	u.loadJob(jobID, "", true)
}

// search looks for query in every job, off the UI goroutine, and shows what
// it found in History.
func (u *UI) search(query string) {
	st := u.currentStore()
	if st == nil {
		return
	}
	background(u, func(ctx context.Context) ([]pipeline.SearchHit, error) {
		return st.Search(ctx, query, 200)
	}, func(hits []pipeline.SearchHit, err error) {
		if err != nil {
			u.log.Error("search", "query", query, "err", err)
		}
		u.history.setHits(query, hits)
	})
}

// loadJob reads a job in the background and shows it, selecting the
// document keep (when not empty) and bringing the Job tab forward when
// show. Only the latest load is shown, and never over a running job.
func (u *UI) loadJob(jobID, keep string, show bool) {
	st := u.currentStore()
	if st == nil {
		return
	}
	if u.job.state.live && u.job.state.jobID != jobID {
		u.showError(problem("A job is running: wait for it to finish (or cancel it) before opening another."))
		return
	}
	u.loads++
	load := u.loads
	background(u, func(ctx context.Context) (*pipeline.Summary, error) {
		return st.Summary(ctx, jobID)
	}, func(sum *pipeline.Summary, err error) {
		if load != u.loads || u.job.state.live {
			return // a later load, or a job that started since, is on screen
		}
		if err != nil {
			u.showError(problemf("The job %s cannot be opened: %v", pipeline.ShortID(jobID), err))
			return
		}
		u.job.load(sum, keep)
		u.compare.load(sum)
		u.showJobArea()
		if show {
			u.tabs.Select(u.jobTab)
		}
		if f := u.afterLoad; f != nil {
			u.afterLoad = nil
			f()
		}
	})
}
