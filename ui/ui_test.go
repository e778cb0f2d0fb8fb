package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/store"
	"loanbatch/ui/widgets"
	"loanbatch/worker"
)

// TestMain lets the test binary double as the runner's worker process.
func TestMain(m *testing.M) {
	if pipelinetest.IsWorker() {
		pipelinetest.RunFaultyWorker(worker.Serve)
		return
	}
	os.Exit(m.Run())
}

func testWorker() *exec.Cmd { return pipelinetest.WorkerCommand() }

func openStore(ctx context.Context, dir string) (pipeline.Store, io.Closer, error) {
	db, err := store.Open(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	return db, db, nil
}

// uiQueue stands in for fyne.Do: functions posted from the pump goroutine
// run on the test goroutine when the test drains the queue, as the UI
// goroutine would run them.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
	n   int // dispatches so far
}

func (q *uiQueue) push(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.n++
	q.mu.Unlock()
}

// drainUntil runs posted functions until cond holds or the time is up.
func (q *uiQueue) drainUntil(tb testing.TB, cond func() bool, limit time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("condition not reached in %s", limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type harness struct {
	ui   *UI
	q    *uiQueue
	win  fyne.Window
	dir  string
	docs string
}

func newHarness(tb testing.TB, dataDir string) *harness {
	tb.Helper()
	return newHarnessWith(tb, Config{DefaultDataDir: dataDir})
}

// newHarnessWith opens the window with cfg; the store and the (fault
// injecting) worker are the tests'.
func newHarnessWith(tb testing.TB, cfg Config) *harness {
	tb.Helper()
	dataDir := cfg.DefaultDataDir
	a := test.NewTempApp(tb)
	w := test.NewTempWindow(tb, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1280, 780))
	q := &uiQueue{}
	cfg.OpenStore, cfg.WorkerCommand = openStore, testWorker
	u := Create(context.Background(), a, w, cfg, q.push)
	tb.Cleanup(u.Close)
	h := &harness{ui: u, q: q, win: w, dir: dataDir, docs: tb.TempDir()}
	h.settle(tb) // the store opens in the background
	return h
}

// settle runs what the background work posted until none is left.
func (h *harness) settle(tb testing.TB) {
	tb.Helper()
	h.q.drainUntil(tb, func() bool { return h.ui.inflight.Load() == 0 }, 30*time.Second)
}

func (h *harness) write(tb testing.TB, name string, data []byte) string {
	p := filepath.Join(h.docs, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func (h *harness) drop(paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	h.ui.addURIs(uris) // what the window's drop callback does
}

func (h *harness) waitJobDone(tb testing.TB) {
	tb.Helper()
	h.q.drainUntil(tb, func() bool {
		s := h.ui.job.state
		return s.jobID != "" && !s.live && h.ui.ctrl.settled() && h.q.empty() && h.ui.inflight.Load() == 0
	}, 90*time.Second)
}

// empty reports whether nothing waits to run on the UI goroutine.
func (q *uiQueue) empty() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.fns) == 0
}

// cellText renders one table cell through the table's own callbacks; col
// indexes jobColumns, whichever position the column has on screen.
func cellText(v *jobView, row, col int) string {
	o := v.table.CreateCell()
	v.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*widgets.TableCell).Full
}

func TestStartShowsDropArea(t *testing.T) {
	h := newHarness(t, t.TempDir())
	if h.win.Title() != "Loan Batch" && h.win.Title() != "" {
		t.Errorf("title %q", h.win.Title())
	}
	if !h.ui.drop.Visible() || h.ui.job.content.Visible() {
		t.Fatal("with no job the drop area should show, not the job view")
	}
	found := false
	test.LaidOutObjects(h.ui.drop) // lay out so texts are realised
	for _, o := range test.LaidOutObjects(h.ui.drop) {
		if rt, ok := o.(*widget.RichText); ok && strings.Contains(rt.String(), "Drop loan documents here") {
			found = true
		}
	}
	if !found {
		t.Error(`no "Drop loan documents here" text`)
	}
}

func TestDroppedDocumentsRunLiveAndShowResults(t *testing.T) {
	h := newHarness(t, t.TempDir())
	loans := pipelinetest.SampleLoans()
	good := h.write(t, "harbor.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()}))
	bad := h.write(t, "photo.gif", []byte("GIF89a\x01\x00"))
	letter := h.write(t, "cedar.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()}))
	h.drop(good, bad, letter)
	if !h.ui.job.content.Visible() {
		t.Fatal("dropping did not show the job view")
	}
	h.waitJobDone(t)

	v := h.ui.job
	if len(v.state.rows) != 3 {
		t.Fatalf("%d rows; want 3", len(v.state.rows))
	}
	checks := []struct {
		row, col int
		want     string
	}{
		{0, 1, "harbor.pdf"},
		{0, 3, "Done"},
		{0, 4, "Loan Estimate"},
		{0, 5, loans[0].LoanID},
		{0, 6, "Maria T. Gonzalez"},
		{0, 7, "$250,000.00"},
		{0, 8, "6.875 %"},
		{0, 9, "7.012 %"},
		{1, 3, "Failed: GIF image is damaged and cannot be read: gif: reading header: unexpected EOF"}, // GIF is read since issue 15
		{2, 4, "Commitment letter"},
		{2, 7, "$312,500.00"},
	}
	for _, c := range checks {
		if got := cellText(v, c.row, c.col); got != c.want {
			t.Errorf("cell (%d, %s) = %q; want %q", c.row, jobColumns[c.col].title, got, c.want)
		}
	}
	// A failed row reads as failed at a glance.
	o := v.table.CreateCell()
	v.updateCell(widget.TableCellID{Row: 1, Col: stageColumn}, o)
	if o.(*widgets.TableCell).Label.Importance != widget.DangerImportance {
		t.Error("failed stage is not shown in the danger colour")
	}
	title, _ := v.title.Get()
	line, _ := v.line.Get()
	progress, _ := v.progress.Get()
	if !strings.HasSuffix(title, "Completed with errors") || !strings.HasPrefix(line, "3 of 3 · 1 failed · took") || progress != 1 {
		t.Errorf("header %q / %q / %v", title, line, progress)
	}
	if !v.cancel.Disabled() {
		t.Error("Cancel is enabled on a finished job")
	}

	// Selecting a row opens its details.
	v.table.Select(widget.TableCellID{Row: 0, Col: 1})
	if len(v.details.Objects) == 0 {
		t.Fatal("no details panel")
	}
	texts := labelsIn(v.details.Objects[0])
	for _, want := range []string{"Harbor Point Mortgage", "123 Main St, Springfield, IL 62704", "360 months", "PDF text layer"} {
		if !strings.Contains(texts, want) {
			t.Errorf("details lack %q", want)
		}
	}
	v.closeDetails()
	if len(v.details.Objects) != 0 {
		t.Error("details still shown after closing")
	}
}

// labelsIn gathers the text of the labels and entries in o.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		switch x := c.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Entry:
			b.WriteString(x.Text + "\n")
		}
	}
	return b.String()
}

func TestHistoryReopensJobAfterRestartAndExports(t *testing.T) {
	data := t.TempDir()
	h := newHarness(t, data)
	loan := pipelinetest.SampleLoans()[2]
	h.drop(h.write(t, "northgate.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loan.TermSheetLines()})))
	h.waitJobDone(t)
	jobID := h.ui.job.state.jobID
	h.ui.Close()

	// A new window on the same data folder, as after a restart.
	h2 := newHarness(t, data)
	h2.ui.tabs.SelectIndex(1)
	h2.settle(t)
	if len(h2.ui.history.shown) != 1 || h2.ui.history.shown[0].JobID != jobID {
		t.Fatalf("history shows %v; want the earlier job", h2.ui.history.shown)
	}
	h2.ui.history.filter.SetText("no-such-thing")
	if len(h2.ui.history.shown) != 0 || h2.ui.history.empty.Hidden {
		t.Error("filter did not hide the job")
	}
	h2.ui.history.filter.SetText(pipeline.ShortID(jobID))
	h2.ui.history.table.Select(widget.TableCellID{Row: 0, Col: 0})
	h2.settle(t)
	v := h2.ui.job
	if v.state.jobID != jobID || len(v.state.rows) != 1 || cellText(v, 0, 5) != loan.LoanID {
		t.Fatalf("reopened job: %s rows %d", v.state.jobID, len(v.state.rows))
	}
	if h2.ui.tabs.Selected() != h2.ui.jobTab {
		t.Error("opening a job did not switch to the job view")
	}

	sum, err := h2.ui.currentStore().Summary(context.Background(), jobID)
	if err != nil {
		t.Fatal(err)
	}
	path, err := exportTo(filepath.Join(t.TempDir(), "export"), sum)
	if err != nil || !strings.HasSuffix(path, ".xlsx") {
		t.Fatalf("exportTo = %s, %v", path, err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Documents", "E2"); v != loan.LoanID {
		t.Errorf("exported loan ID %q", v)
	}
}

func TestCancelStopsTheRunningJob(t *testing.T) {
	// The fake worker hangs on a marker: every document must go to it.
	h := newHarnessWith(t, Config{DefaultDataDir: t.TempDir(), WorkerOnly: true})
	loan := pipelinetest.SampleLoans()[0]
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	h.drop(h.write(t, "a.pdf", pdf), h.write(t, "hangs.pdf", append(pdf, "%HANG-ME\n"...)), h.write(t, "c.pdf", pdf))
	h.q.drainUntil(t, func() bool { return h.ui.job.state.current == 1 }, 60*time.Second)
	if h.ui.job.cancel.Disabled() {
		t.Fatal("Cancel disabled while a job runs")
	}
	test.Tap(h.ui.job.cancel)
	h.waitJobDone(t)
	s := h.ui.job.state
	if s.status != pipeline.JobCancelled || s.rows[0].status != pipeline.DocSuccess ||
		s.rows[1].status != pipeline.DocSkipped || s.rows[2].status != pipeline.DocSkipped {
		t.Errorf("after cancel: job %s, rows %s %s %s", s.status, s.rows[0].status, s.rows[1].status, s.rows[2].status)
	}
}

func TestDataFolderProblemsShowADialog(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o644)
	h := newHarness(t, file)
	if !dialogSays(h.win, "cannot use the data folder") {
		t.Error("no dialog about the unusable data folder")
	}
	// Documents dropped now are refused with a dialog, not lost silently.
	h.win.Canvas().Overlays().Top().Hide()
	h.win.Canvas().Overlays().Remove(h.win.Canvas().Overlays().Top())
	h.drop(file)
	if !dialogSays(h.win, "No data folder is open") {
		t.Error("no dialog when dropping without a data folder")
	}
}

func TestMissingOCRLanguageShowsADialog(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.ui.settings.language = "xyz"
	h.drop(filepath.Join(h.docs, "any.pdf"))
	if !dialogSays(h.win, `The OCR language "xyz" is not installed`) {
		t.Error("no dialog about the missing language")
	}
	if h.ui.ctrl.busy() {
		t.Error("a job started without its OCR language")
	}
}

func dialogSays(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *widget.Label:
			if strings.Contains(x.Text, text) {
				return true
			}
		case *widget.RichText:
			if strings.Contains(x.String(), text) {
				return true
			}
		}
	}
	return false
}

func TestPumpCoalescesEvents(t *testing.T) {
	q := &uiQueue{}
	var got []pipeline.Event
	c := &controller{dispatch: q.push, onEvents: func(es []pipeline.Event) { got = append(got, es...) }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c.start(ctx)
	const n = 5000
	go func() {
		c.post(pipeline.Event{Kind: pipeline.EventJobStarted, Total: n})
		for i := 0; i < n; i++ {
			c.post(pipeline.Event{Kind: pipeline.EventDocDone, DocIndex: i, Result: &pipeline.Result{Status: pipeline.DocSuccess}})
		}
	}()
	q.drainUntil(t, func() bool { return len(got) == n+1 }, 30*time.Second)
	for i, e := range got[1:] {
		if e.DocIndex != i {
			t.Fatalf("event %d is for document %d: order lost", i, e.DocIndex)
		}
	}
	q.mu.Lock()
	dispatches := q.n
	q.mu.Unlock()
	if dispatches > n/10 {
		t.Errorf("%d UI dispatches for %d events: not coalesced", dispatches, n)
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{formatMoney(25000000), "$250,000.00"},
		{formatMoney(76178), "$761.78"},
		{formatMoney(5), "$0.05"},
		{formatMoney(0), ""},
		{formatRate(6.875), "6.875 %"},
		{formatRate(4), "4 %"},
		{formatRate(0), ""},
		{formatTerm(360), "30 years (360 months)"},
		{formatTerm(18), "18 months"},
		{formatDuration(40 * time.Second), "0:40"},
		{formatDuration(3723 * time.Second), "1:02:03"},
		{pipeline.JobCompletedWithErrors.Label(), "Completed with errors"},
		{pipeline.JobProcessing.Label(), "Processing"},
		{stageLabel(&rowState{status: pipeline.DocProcessing, stage: pipeline.StageOCR, page: 2, pages: 5}), "OCR page 2 of 5"},
		{stageLabel(&rowState{status: pipeline.DocProcessing, stage: pipeline.StageFields}), "Finding fields"},
		{stageLabel(&rowState{status: pipeline.DocQueued}), "Queued"},
		{processingTime(&pipeline.Result{Status: pipeline.DocSuccess, ProcessingTime: 0}), "< 0.1 s"},
		{processingTime(&pipeline.Result{Status: pipeline.DocSuccess, ProcessingTime: 2.04}), "2.0 s"},
		{processingTime(&pipeline.Result{Status: pipeline.DocSkipped}), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q; want %q", i, tt.got, tt.want)
		}
	}
}

// TestOffersToResumeInterruptedJobs plants a job whose process died and
// checks that the window offers to resume it and, when told so, finishes
// it with every document once.
func TestOffersToResumeInterruptedJobs(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	db, err := store.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	loans := pipelinetest.SampleLoans()
	var recs []pipeline.DocRecord
	for i, loan := range loans {
		pdf := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
		sha, n, err := db.PutObject(ctx, bytes.NewReader(pdf))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, pipeline.DocRecord{DocumentID: fmt.Sprintf("doc-%d", i), Position: i, FileName: fmt.Sprintf("loan-%d.pdf", i), SHA256: sha, SizeBytes: n})
	}
	job := pipeline.JobInfo{JobID: "dead-job", Status: pipeline.JobProcessing, CreatedAt: time.Now(), Owner: "999999999:1"}
	if err := db.CreateJob(ctx, job, recs); err != nil {
		t.Fatal(err)
	}
	first := pipeline.Result{FileName: "loan-0.pdf", Status: pipeline.DocSuccess, DocumentID: "doc-0", SHA256: recs[0].SHA256, Timestamp: time.Now()}
	if err := db.SaveResult(ctx, "dead-job", 0, first, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()

	h := newHarness(t, data)
	if !dialogSays(h.win, "stopped before it finished (1 of 3 documents done)") {
		t.Fatal("no offer to resume the interrupted job")
	}
	var yes *widget.Button
	for _, o := range test.LaidOutObjects(h.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Yes" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatal("no Yes button")
	}
	test.Tap(yes)
	h.waitJobDone(t)
	s := h.ui.job.state
	if s.jobID != "dead-job" || s.status != pipeline.JobCompleted || len(s.rows) != 3 || s.done != 3 {
		t.Fatalf("resumed job %s %s: %d rows, %d done", s.jobID, s.status, len(s.rows), s.done)
	}
	if cellText(h.ui.job, 2, 5) != loans[2].LoanID {
		t.Errorf("third document: loan %q", cellText(h.ui.job, 2, 5))
	}
}

func TestDuplicateShownInDetails(t *testing.T) {
	h := newHarness(t, t.TempDir())
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})
	h.drop(h.write(t, "first.pdf", pdf), h.write(t, "copy.pdf", pdf))
	h.waitJobDone(t)
	v := h.ui.job
	v.table.Select(widget.TableCellID{Row: 1, Col: 1})
	if texts := labelsIn(v.details.Objects[0]); !strings.Contains(texts, "Same file as first.pdf in job "+pipeline.ShortID(v.state.jobID)) {
		t.Errorf("details of the copy:\n%s", texts)
	}
}

// entryFor finds the details panel's entry showing value.
func entryFor(tb testing.TB, o fyne.CanvasObject, value string) *widget.Entry {
	tb.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*widget.Entry); ok && e.Text == value {
			return e
		}
	}
	tb.Fatalf("no entry showing %q", value)
	return nil
}

func buttonIn(tb testing.TB, o fyne.CanvasObject, prefix string) *widget.Button {
	tb.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	tb.Fatalf("no button %q", prefix)
	return nil
}

// TestCorrectReviewCompareAndFilter corrects a field in the details panel,
// marks the result reviewed, checks the table, the comparison, the export
// and a restart, and filters the rows that need review.
func TestCorrectReviewCompareAndFilter(t *testing.T) {
	data := t.TempDir()
	h := newHarness(t, data)
	loans := pipelinetest.SampleLoans()
	sparse := []pipelinetest.Line{{X: 72, Y: 72, Text: "Loan Number: ZZ-1"}, {X: 72, Y: 90, Text: "Loan Amount: $99,000.00"}}
	h.drop(h.write(t, "harbor.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()})),
		h.write(t, "cedar.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()})),
		h.write(t, "sparse.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: sparse})))
	h.waitJobDone(t)
	v := h.ui.job

	// Only the sparse document needs review.
	v.onlyReview.SetChecked(true)
	if len(v.visible) != 1 || v.state.rows[v.visible[0]].fileName != "sparse.pdf" {
		t.Fatalf("needs-review filter shows rows %v", v.visible)
	}
	v.onlyReview.SetChecked(false)

	v.table.Select(widget.TableCellID{Row: 0, Col: 1})
	panel := v.details.Objects[0]
	entryFor(t, panel, "$250,000.00").SetText("$255,000")
	test.Tap(buttonIn(t, panel, "Save"))
	h.settle(t)
	if got := v.state.rows[0].result.Fields.LoanAmountCents; got != 25500000 {
		t.Fatalf("corrected amount %d", got)
	}
	if got := cellText(v, 0, 7); got != "$255,000.00 ✎" {
		t.Errorf("amount cell %q; want the corrected value marked", got)
	}
	v.table.Select(widget.TableCellID{Row: 2, Col: 1})
	test.Tap(buttonIn(t, v.details.Objects[0], "Mark reviewed"))
	h.settle(t)
	if v.state.rows[2].result.NeedsReview || v.state.rows[2].result.Reviewed == nil {
		t.Errorf("mark reviewed did not clear needs_review")
	}

	// The comparison uses the corrected value and marks the best ones.
	h.ui.tabs.SelectIndex(2)
	c := h.ui.compare.cmp
	if len(c.Loans) != 3 || c.Loans[0].Fields.LoanAmountCents != 25500000 || c.Best[pipeline.MetricAPR] != loans[1].LoanID {
		t.Errorf("comparison: %d loans, amount %d, best %v", len(c.Loans), c.Loans[0].Fields.LoanAmountCents, c.Best)
	}
	if want := "Job " + pipeline.ShortID(v.state.jobID) + " · 3 documents · 3 loans"; !strings.HasPrefix(h.ui.compare.heading.Text, want) {
		t.Errorf("comparison heading %q; want it to start %q", h.ui.compare.heading.Text, want)
	}

	// After a restart the correction is still there, and in the export.
	jobID := v.state.jobID
	h.ui.Close()
	h2 := newHarness(t, data)
	h2.ui.openJob(jobID)
	h2.settle(t)
	if got := cellText(h2.ui.job, 0, 7); got != "$255,000.00 ✎" {
		t.Errorf("after restart the amount cell is %q", got)
	}
	sum, err := h2.ui.currentStore().Summary(context.Background(), jobID)
	if err != nil {
		t.Fatal(err)
	}
	path, err := exportTo(filepath.Join(t.TempDir(), "out.xlsx"), sum)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Documents", "H2", excelize.Options{RawCellValue: true}); v != "255000" {
		t.Errorf("exported amount %q; want the corrected 255000", v)
	}
	rows, _ := f.GetRows("Documents")
	if !strings.Contains(strings.Join(rows[1], "|"), "Loan amount (extracted $250,000.00, by ") {
		t.Errorf("export does not show the correction: %v", rows[1])
	}
}

// The time left follows the average document so far, unless the document
// being read has already taken longer (a scan after fast text PDFs).
func TestStatusLineTimeLeft(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	newState := func(done, total int, currentFor time.Duration, now time.Time) *jobState {
		s := newJobState()
		s.apply(pipeline.Event{Kind: pipeline.EventJobStarted, JobID: "j", Total: total}, t0)
		for i := 0; i < done; i++ {
			s.apply(pipeline.Event{Kind: pipeline.EventDocStarted, DocIndex: i}, t0)
			s.apply(pipeline.Event{Kind: pipeline.EventDocDone, DocIndex: i, Result: &pipeline.Result{Status: pipeline.DocSuccess}}, t0)
		}
		if done < total {
			s.apply(pipeline.Event{Kind: pipeline.EventDocStarted, DocIndex: done}, now.Add(-currentFor))
		}
		return s
	}
	tests := []struct {
		name       string
		done, all  int
		elapsed    time.Duration
		currentFor time.Duration
		want       string
	}{
		{"average of the documents so far", 4, 12, 20 * time.Second, 0, "4 of 12 · about 0:40 left"},
		{"a slow document in progress", 6, 9, 100 * time.Millisecond, 3 * time.Second, "6 of 9 · about 0:09 left"},
		{"little left", 6, 9, 100 * time.Millisecond, 0, "6 of 9 · a few seconds left"},
	}
	for _, tt := range tests {
		now := t0.Add(tt.elapsed + tt.currentFor)
		if got := newState(tt.done, tt.all, tt.currentFor, now).statusLine(now); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}

// A stopped job says how far its reading went: a cancelled job's bar and
// count stop at the documents read, and a job that never started says so.
func TestStatusLineOfAStoppedJob(t *testing.T) {
	results := func(st ...pipeline.DocStatus) []pipeline.Result {
		var out []pipeline.Result
		for _, s := range st {
			out = append(out, pipeline.Result{Status: s})
		}
		return out
	}
	ok, failed, skipped, queued := pipeline.DocSuccess, pipeline.DocFailed, pipeline.DocSkipped, pipeline.DocQueued
	tests := []struct {
		name         string
		status       pipeline.JobStatus
		results      []pipeline.Result
		want         string
		wantProgress float64
	}{
		{"cancelled after two", pipeline.JobCancelled, results(ok, failed, skipped, skipped), "2 of 4 · 1 failed · 2 not read · cancelled after 0:08", 0.5},
		{"interrupted before the first", pipeline.JobInterrupted, results(queued, queued), "0 of 2 · not started: Resume reads it", 0},
		{"interrupted after one", pipeline.JobInterrupted, results(ok, queued), "1 of 2 · stopped before it finished: Resume reads the rest", 0.5},
		{"completed", pipeline.JobCompletedWithErrors, results(ok, failed), "2 of 2 · 1 failed · took 0:08", 1},
	}
	for _, tt := range tests {
		s := newJobState()
		s.load(&pipeline.Summary{JobID: "j", Status: tt.status, TotalProcessingTime: 8, Results: tt.results})
		if got := s.statusLine(time.Now()); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
		if got := s.progress(); got != tt.wantProgress {
			t.Errorf("%s: progress %v; want %v", tt.name, got, tt.wantProgress)
		}
	}
}
