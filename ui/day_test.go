package ui

// A loan officer's day, headless: scripted scenarios of the paths that
// crashed the window, and a seeded random sequence of user actions with
// the window's invariants checked after every step.
//
//	go test -run TestRandomDay ./ui                         (make test: a few fixed seeds)
//	LOANBATCH_DAY_SEEDS=40 LOANBATCH_DAY_STEPS=400 go test -run TestRandomDay -timeout 60m ./ui
//	LOANBATCH_DAY_SEED=12345 go test -run TestRandomDay ./ui   (replay one seed)

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
	"loanbatch/ui/widgets"
)

// dayFiles are the documents a day's drops are made of: text PDFs of each
// layout, a page that needs review, and broken or unsupported files.
type dayFiles struct {
	good   []string // read to success
	bad    []string // fail validation or reading
	folder string   // a folder of both
	scan   string   // a page image: OCR in the worker
}

func makeDayFiles(tb testing.TB, dir string) dayFiles {
	tb.Helper()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		return p
	}
	var f dayFiles
	for i, loan := range pipelinetest.SampleLoans() {
		f.good = append(f.good,
			write(fmt.Sprintf("estimate-%d.pdf", i), pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})),
			write(fmt.Sprintf("letter-%d.pdf", i), pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()})),
			write(fmt.Sprintf("a rather long file name for the term sheet of loan %d.pdf", i), pipelinetest.PDF(pipelinetest.Page{Lines: loan.TermSheetLines()})))
	}
	sparse := []pipelinetest.Line{{X: 72, Y: 72, Text: "Loan Number: ZZ-1"}, {X: 72, Y: 90, Text: "Loan Amount: $99,000.00"}}
	f.good = append(f.good, write("sparse.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: sparse})))
	f.bad = []string{
		write("photo.gif", []byte("GIF89a\x01\x00\x01\x00")),
		write("empty.pdf", nil),
		write("notes.txt", []byte("call the borrower back\n")),
		write("truncated.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: sparse})[:200]),
		write("garbage.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")),
	}
	f.folder = filepath.Join(dir, "folder")
	if err := os.MkdirAll(f.folder, 0o755); err != nil {
		tb.Fatal(err)
	}
	loan := pipelinetest.SampleLoans()[1]
	os.WriteFile(filepath.Join(f.folder, "a.pdf"), pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()}), 0o644)
	os.WriteFile(filepath.Join(f.folder, "b.png"), []byte("\x89PNG\r\n\x1a\nbroken"), 0o644)
	os.WriteFile(filepath.Join(f.folder, "c.pdf"), pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()}), 0o644)
	var img bytes.Buffer
	png.Encode(&img, pipelinetest.Scan(loan.TermSheetLines(), pipelinetest.ScanOptions{DPI: 150}))
	f.scan = write("scan.png", img.Bytes())
	return f
}

// checkView asserts what must hold after any step: the rows shown, the
// selection and the counts agree with the job's rows, and every cell can
// be drawn.
func checkView(tb testing.TB, h *harness, what string) {
	tb.Helper()
	v := h.ui.job
	s := v.state
	done, failed, skipped := 0, 0, 0
	for i := range s.rows {
		if s.rows[i].result != nil {
			done++
			switch s.rows[i].status {
			case pipeline.DocFailed:
				failed++
			case pipeline.DocSkipped:
				skipped++
			}
		}
	}
	if done != s.done || failed != s.failed || skipped != s.skipped {
		tb.Fatalf("%s: counts %d done / %d failed / %d skipped, rows say %d / %d / %d", what, s.done, s.failed, s.skipped, done, failed, skipped)
	}
	for _, i := range v.visible {
		if i < 0 || i >= len(s.rows) {
			tb.Fatalf("%s: a shown row %d is not among the job's %d rows", what, i, len(s.rows))
		}
	}
	if v.selected >= len(s.rows) || v.selected < -1 {
		tb.Fatalf("%s: selection %d outside the job's %d rows", what, v.selected, len(s.rows))
	}
	rows, cols := v.table.Length()
	if rows != len(v.visible) || cols != len(jobColumns) {
		tb.Fatalf("%s: the table has %d×%d cells for %d rows shown", what, rows, cols, len(v.visible))
	}
	cell := v.table.CreateCell()
	for r := -1; r <= rows; r++ { // one row past each end: a stale callback must not panic
		for c := -1; c <= cols; c++ {
			v.updateCell(widget.TableCellID{Row: r, Col: c}, cell)
		}
	}
	if s.jobID != "" && !s.live && len(s.rows) > 0 {
		line, _ := v.line.Get()
		if want := fmt.Sprintf("%d of %d", done-skipped, len(s.rows)); len(line) < len(want) || line[:len(want)] != want {
			tb.Fatalf("%s: status line %q; want it to start %q", what, line, want)
		}
	}
}

// checkAgainstStore asserts, once nothing runs, that the job on screen is
// the job in the database, row by row.
func checkAgainstStore(tb testing.TB, h *harness, what string) {
	tb.Helper()
	s := h.ui.job.state
	if s.jobID == "" || s.live {
		return
	}
	sum, err := h.ui.currentStore().Summary(context.Background(), s.jobID)
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
	if len(sum.Results) != len(s.rows) {
		tb.Fatalf("%s: job %s has %d documents in the database, %d rows on screen", what, pipeline.ShortID(s.jobID), len(sum.Results), len(s.rows))
	}
	for i, res := range sum.Results {
		r := s.rows[i]
		if r.status != res.Status || r.fileName != res.FileName {
			tb.Fatalf("%s: row %d is %s %q on screen, %s %q in the database", what, i, r.status, r.fileName, res.Status, res.FileName)
		}
		if r.result != nil && r.result.Fields != res.Fields {
			tb.Fatalf("%s: row %d fields differ from the database:\n%+v\n%+v", what, i, r.result.Fields, res.Fields)
		}
	}
	if s.status != sum.Status {
		tb.Fatalf("%s: job status %s on screen, %s in the database", what, s.status, sum.Status)
	}
}

// closeOverlays dismisses dialogs a step opened (errors, the export dialog).
func closeOverlays(w fyne.Window) {
	o := w.Canvas().Overlays()
	for top := o.Top(); top != nil; top = o.Top() {
		o.Remove(top)
	}
}

// idle runs the UI queue until no job runs and no background work is left.
func (h *harness) idle(tb testing.TB) {
	tb.Helper()
	h.q.drainUntil(tb, func() bool {
		return h.ui.ctrl.settled() && h.q.empty() && h.ui.inflight.Load() == 0 && !h.ui.job.state.live
	}, 3*time.Minute)
}

// pump runs what the UI queue holds for about d.
func (h *harness) pump(d time.Duration) {
	deadline := time.Now().Add(d)
	for {
		h.q.mu.Lock()
		fns := h.q.fns
		h.q.fns = nil
		h.q.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The paths that crashed the window, as a loan officer takes them.
func TestDayScenarios(t *testing.T) {
	files := makeDayFiles(t, t.TempDir())
	h := newHarness(t, t.TempDir())
	test.LaidOutObjects(h.win.Canvas().Content()) // draw the table, so refreshes reach its cells
	step := func(what string) {
		t.Helper()
		h.idle(t)
		closeOverlays(h.win)
		test.LaidOutObjects(h.win.Canvas().Content())
		checkView(t, h, what)
		checkAgainstStore(t, h, what)
	}

	h.drop(files.good[0], files.bad[0], files.good[1])
	step("three files with a rejected one")
	if h.ui.job.state.failed != 1 {
		t.Fatalf("%d failed; want 1", h.ui.job.state.failed)
	}
	firstJob := h.ui.job.state.jobID

	h.drop(files.good[2])
	step("a smaller drop after a job with a failure")

	h.drop(files.folder)
	step("a folder")
	if n := len(h.ui.job.state.rows); n != 3 {
		t.Fatalf("the folder gave %d rows; want 3", n)
	}

	h.drop(files.bad[1])
	step("a one-file failure")

	test.Tap(h.ui.job.retry)
	step("retry failed")

	h.ui.job.onlyReview.SetChecked(true)
	step("needs review only")
	h.drop(files.good[3], files.good[4])
	step("a drop with the filter on")
	h.ui.job.onlyReview.SetChecked(false)

	h.ui.tabs.SelectIndex(1)
	h.settle(t)
	found := false
	for row, j := range h.ui.history.shown {
		if j.JobID == firstJob {
			h.ui.history.table.Select(widget.TableCellID{Row: row, Col: 0})
			found = true
		}
	}
	if !found {
		t.Fatal("the first job is not in History")
	}
	step("history: a bigger job")
	h.ui.job.table.Select(widget.TableCellID{Row: 2, Col: 1})
	h.ui.tabs.SelectIndex(1)
	h.settle(t)
	h.ui.history.table.Select(widget.TableCellID{Row: 0, Col: 0})
	step("history: a smaller job with a row selected")

	// Two drops at once: the second waits behind the first and starts by
	// itself.
	h.drop(files.good[5], files.bad[2], files.good[6])
	h.drop(files.good[7])
	if n := h.ui.ctrl.queued(); n < 1 {
		t.Errorf("the second drop is not queued (%d)", n)
	}
	step("a queued job starting")
	if n := len(h.ui.job.state.rows); n != 1 {
		t.Errorf("the last job on screen has %d rows; want 1", n)
	}
}

// TestRandomDay takes seeded random sequences of a loan officer's actions
// and checks the window's invariants after every step. A failing seed is
// printed; replay it with LOANBATCH_DAY_SEED and add it as a scenario.
func TestRandomDay(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	steps := 60
	if testing.Short() {
		seeds, steps = seeds[:1], 25
	}
	if n, err := strconv.Atoi(os.Getenv("LOANBATCH_DAY_SEEDS")); err == nil {
		seeds = nil
		base := uint64(time.Now().UnixNano())
		for i := range n {
			seeds = append(seeds, base+uint64(i))
		}
	}
	if s, err := strconv.ParseUint(os.Getenv("LOANBATCH_DAY_SEED"), 10, 64); err == nil {
		seeds = []uint64{s}
	}
	if n, err := strconv.Atoi(os.Getenv("LOANBATCH_DAY_STEPS")); err == nil {
		steps = n
	}
	files := makeDayFiles(t, t.TempDir())
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			randomDay(t, seed, steps, files)
		})
	}
}

func randomDay(t *testing.T, seed uint64, steps int, files dayFiles) {
	rng := rand.New(rand.NewPCG(seed, 0x10a7ba7c))
	h := newHarness(t, t.TempDir())
	test.LaidOutObjects(h.win.Canvas().Content())
	all := append(append([]string{}, files.good...), files.bad...)
	pick := func() []string {
		n := 1 + rng.IntN(4)
		var out []string
		for range n {
			out = append(out, all[rng.IntN(len(all))])
		}
		switch rng.IntN(10) {
		case 0:
			out = append(out, files.folder)
		case 1:
			out = append(out, files.scan)
		}
		return out
	}
	type action struct {
		name string
		do   func()
	}
	v := h.ui.job
	actions := []action{
		{"drop", func() { h.drop(pick()...) }},
		{"drop one", func() { h.drop(all[rng.IntN(len(all))]) }},
		{"switch tab", func() { h.ui.tabs.SelectIndex(rng.IntN(3)) }},
		{"open a past job", func() {
			h.ui.tabs.SelectIndex(1)
			h.settle(t)
			if n := len(h.ui.history.shown); n > 0 {
				h.ui.history.table.Select(widget.TableCellID{Row: rng.IntN(n), Col: rng.IntN(len(historyColumns))})
			}
		}},
		{"filter history", func() {
			h.ui.history.filter.SetText([]string{"", "completed", "errors", "2026", "zz"}[rng.IntN(5)])
		}},
		{"toggle needs review", func() { v.onlyReview.SetChecked(!v.onlyReview.Checked) }},
		{"select a row", func() {
			if n := len(v.visible); n > 0 {
				v.table.Select(widget.TableCellID{Row: rng.IntN(n), Col: rng.IntN(len(jobColumns))})
			}
		}},
		{"arrow key", func() {
			key := fyne.KeyDown
			if rng.IntN(2) == 0 {
				key = fyne.KeyUp
			}
			v.table.TypedKey(&fyne.KeyEvent{Name: key})
		}},
		{"edit a field", func() {
			p := v.shownPanel
			if p == nil || len(p.Entries) == 0 {
				return
			}
			f := pipeline.FieldTable[rng.IntN(len(pipeline.FieldTable))]
			e := p.Entries[f.Key]
			if e == nil || e.Disabled() {
				return
			}
			e.SetText([]string{"", "abc", "$123,456", "6.5", "360", "2026-03-01", "Jane Q. Public", e.Text}[rng.IntN(8)])
			switch rng.IntN(3) {
			case 0:
				test.Tap(p.SaveButton)
			case 1:
				e.OnSubmitted(e.Text)
			}
		}},
		{"mark reviewed", func() {
			if p := v.shownPanel; p != nil && p.ReviewButton != nil && !p.ReviewButton.Disabled() {
				test.Tap(p.ReviewButton)
			}
		}},
		{"close details", func() {
			if v.shownPanel != nil {
				v.closeDetails()
			}
		}},
		{"retry", func() {
			if !v.retry.Hidden && !v.retry.Disabled() {
				test.Tap(v.retry)
			}
		}},
		{"cancel", func() {
			if !v.cancel.Disabled() {
				test.Tap(v.cancel)
			}
		}},
		{"export", func() {
			h.ui.exportCurrent()
			if st, id := h.ui.currentStore(), v.state.jobID; st != nil && id != "" {
				sum, err := st.Summary(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := exportTo(filepath.Join(t.TempDir(), "day.csv"), sum); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"resize", func() {
			h.win.Resize(fyne.NewSize(float32(800+rng.IntN(600)), float32(600+rng.IntN(300))))
		}},
		{"wait", func() { h.pump(time.Duration(rng.IntN(400)) * time.Millisecond) }},
		{"wait for the queue", func() { h.idle(t) }},
	}
	for i := range steps {
		a := actions[rng.IntN(len(actions))]
		what := fmt.Sprintf("seed %d step %d (%s)", seed, i, a.name)
		a.do()
		h.pump(time.Duration(rng.IntN(60)) * time.Millisecond)
		closeOverlays(h.win)
		if i%10 == 0 {
			h.win.Canvas().Content().Refresh()
			test.LaidOutObjects(h.win.Canvas().Content())
		}
		checkView(t, h, what)
		if !h.ui.ctrl.busy() && h.ui.inflight.Load() == 0 {
			checkAgainstStore(t, h, what)
		}
	}
	h.idle(t)
	closeOverlays(h.win)
	checkView(t, h, fmt.Sprintf("seed %d at the end", seed))
	checkAgainstStore(t, h, fmt.Sprintf("seed %d at the end", seed))
	jobs, err := h.ui.currentStore().Jobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if !j.Status.Finished() {
			t.Errorf("seed %d: job %s is %s after the day", seed, pipeline.ShortID(j.JobID), j.Status)
		}
		sum, err := h.ui.currentStore().Summary(context.Background(), j.JobID)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Results) != j.TotalDocuments {
			t.Errorf("seed %d: job %s has %d results for %d documents", seed, pipeline.ShortID(j.JobID), len(sum.Results), j.TotalDocuments)
		}
	}
}

// Closing the window (or a crash unwinding it) while a job runs leaves that
// job interrupted, not cancelled, and a job dropped behind it is already in
// the database with its documents; a new window offers to finish both.
func TestClosingLeavesJobsResumable(t *testing.T) {
	data := t.TempDir()
	h := newHarnessWith(t, Config{DefaultDataDir: data, WorkerOnly: true})
	loan := pipelinetest.SampleLoans()[0]
	pdf := pipelinetest.PDF(pipelinetest.Page{Lines: loan.EstimateLines()})
	h.drop(h.write(t, "a.pdf", pdf), h.write(t, "hangs.pdf", append(pdf, "%HANG-ME\n"...)), h.write(t, "c.pdf", pdf))
	h.drop(h.write(t, "later.pdf", pdf), h.write(t, "later2.pdf", pdf))
	h.q.drainUntil(t, func() bool { return h.ui.job.state.current == 1 && h.ui.ctrl.queued() == 1 }, 60*time.Second)
	h.q.drainUntil(t, func() bool {
		jobs, _ := h.ui.currentStore().Jobs(context.Background())
		return len(jobs) == 2
	}, 30*time.Second)
	running := h.ui.job.state.jobID
	h.ui.Close()

	db, closer, err := openStore(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	jobs, err := db.Jobs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 2 {
		t.Fatalf("%d jobs in the database; want the running one and the queued one", len(jobs))
	}
	for _, j := range jobs {
		sum, err := db.Summary(context.Background(), j.JobID)
		if err != nil {
			t.Fatal(err)
		}
		switch j.JobID {
		case running:
			if j.Status != pipeline.JobInterrupted || sum.Results[0].Status != pipeline.DocSuccess ||
				sum.Results[1].Status == pipeline.DocSkipped || sum.Results[2].Status == pipeline.DocSkipped {
				t.Errorf("the running job is %s with %s/%s/%s; want interrupted, its rest not skipped", j.Status,
					sum.Results[0].Status, sum.Results[1].Status, sum.Results[2].Status)
			}
		default:
			if j.Status != pipeline.JobQueued || len(sum.Results) != 2 || sum.Results[0].SHA256 == "" {
				t.Errorf("the queued job is %s with %d documents; want queued with both stored", j.Status, len(sum.Results))
			}
		}
	}
}

// A cell too narrow for its text shows all of it while the mouse rests on
// it; a file name is shortened in its middle, keeping its extension.
func TestTruncatedCellShowsWholeTextOnHover(t *testing.T) {
	h := newHarness(t, t.TempDir())
	long := "a very long file name from the scanner 2026-11-30 page one of three.pdf"
	h.drop(h.write(t, long, []byte("GIF89a\x01\x00\x01\x00")))
	h.waitJobDone(t)
	v := h.ui.job
	file := v.table.CreateCell().(*widgets.TableCell)
	v.updateCell(widget.TableCellID{Row: 0, Col: fileColumn}, file)
	if shown := file.Label.Text; shown == long || !strings.HasSuffix(shown, ".pdf") || !strings.Contains(shown, "…") {
		t.Errorf("file cell shows %q; want the name shortened in its middle, ending .pdf", shown)
	}
	stage := v.table.CreateCell().(*widgets.TableCell)
	v.updateCell(widget.TableCellID{Row: 0, Col: stageColumn}, stage)
	stage.Resize(fyne.NewSize(jobColumns[stageColumn].width, 36))
	stage.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(300, 300)}})
	if tips := h.ui.tips.Layer.Objects; len(tips) != 1 || !strings.Contains(labelsIn(tips[0]), "GIF image is damaged") {
		t.Fatal("no hover text with the whole reason")
	}
	stage.MouseOut()
	if len(h.ui.tips.Layer.Objects) != 0 {
		t.Error("the hover text stays after the mouse left")
	}
	// No MouseOut comes when the view changes under the mouse: a tab
	// switch, or the table reusing the cell for another row.
	stage.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(300, 300)}})
	h.ui.tabs.SelectIndex(1)
	if len(h.ui.tips.Layer.Objects) != 0 {
		t.Error("the hover text stays over another tab")
	}
	h.ui.tabs.SelectIndex(0)
	stage.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(300, 300)}})
	stage.Set("Done", "")
	if len(h.ui.tips.Layer.Objects) != 0 {
		t.Error("the hover text of the row before stays over the cell's new row")
	}
	// A text that fits has no hover text.
	num := v.table.CreateCell().(*widgets.TableCell)
	v.updateCell(widget.TableCellID{Row: 0, Col: 0}, num)
	num.Resize(fyne.NewSize(jobColumns[0].width, 36))
	num.MouseIn(&desktop.MouseEvent{})
	if len(h.ui.tips.Layer.Objects) != 0 {
		t.Error("a cell that shows all its text has a hover text")
	}
}

// A column a person widened keeps its width after a restart.
func TestColumnWidthsAreRemembered(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.drop(h.write(t, "one.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})))
	h.waitJobDone(t)
	cell := h.ui.job.table.CreateCell().(*widgets.TableCell)
	cell.Resize(fyne.NewSize(260, 36)) // as the table lays out a column dragged to 260
	h.ui.job.updateCell(widget.TableCellID{Row: 0, Col: fileColumn}, cell)
	h.ui.Close()
	kept := h.ui.app.Preferences().String(prefColumnWidths)
	if w := newJobView(kept).widths[fileColumn]; w != 260 {
		t.Errorf("after a restart the File column is %v wide (kept %q); want 260", w, kept)
	}
	if w := newJobView("garbage").widths[fileColumn]; w != jobColumns[fileColumn].width {
		t.Errorf("unreadable widths give %v; want the default", w)
	}
}

// The window is usable on a small screen: at 800×600, with a job and a
// document's details open, nothing needs more room than there is.
func TestFitsSmallScreens(t *testing.T) {
	h := newHarness(t, t.TempDir())
	h.drop(h.write(t, "a.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})),
		h.write(t, "b.gif", []byte("GIF89a\x01\x00\x01\x00")))
	h.waitJobDone(t)
	h.ui.job.table.Select(widget.TableCellID{Row: 0, Col: fileColumn})
	h.win.Resize(fyne.NewSize(800, 600))
	for _, tab := range []int{0, 1, 2} {
		h.ui.tabs.SelectIndex(tab)
		h.settle(t)
		if min := h.win.Canvas().Content().MinSize(); min.Width > 800 || min.Height > 600 {
			t.Errorf("tab %d needs %v; the window is 800×600", tab, min)
		}
	}
	for _, c := range []struct{ w, h, wantW, wantH float32 }{
		{1024, 768, 1000, 704}, {1920, 1080, 1280, 780}, {800, 600, 776, 536},
	} {
		if got := widgets.FitScreen(c.w, c.h); got != fyne.NewSize(c.wantW, c.wantH) {
			t.Errorf("widgets.FitScreen(%v×%v) = %v; want %v×%v", c.w, c.h, got, c.wantW, c.wantH)
		}
	}
}

// History finds a document of any job by what it says, and opening the hit
// shows its job with that document selected; the window opens on the last
// job after a restart.
func TestSearchOpensTheDocument(t *testing.T) {
	data := t.TempDir()
	h := newHarness(t, data)
	loans := pipelinetest.SampleLoans()
	h.drop(h.write(t, "harbor.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()})),
		h.write(t, "cedar.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()})))
	h.waitJobDone(t)
	first := h.ui.job.state.jobID
	h.drop(h.write(t, "northgate.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[2].TermSheetLines()})))
	h.waitJobDone(t)
	last := h.ui.job.state.jobID

	h.ui.tabs.SelectIndex(1)
	h.settle(t)
	if got := h.ui.history.shown[0].Title; got != loans[2].Borrower+" · "+loans[2].LoanID+" · 1 document" {
		t.Errorf("History names the last job %q", got)
	}
	h.ui.history.filter.SetText("whitfi") // part of a borrower's name, as typed so far
	h.settle(t)
	hits := h.ui.history.hits
	if len(hits) != 1 || hits[0].JobID != first || hits[0].FileName != "cedar.pdf" {
		t.Fatalf("search found %+v; want cedar.pdf of the first job", hits)
	}
	h.ui.history.hitList.Select(widget.TableCellID{Row: 0, Col: 1})
	h.settle(t)
	v := h.ui.job
	if h.ui.tabs.Selected() != h.ui.jobTab || v.state.jobID != first {
		t.Fatalf("opening the hit shows job %s; want %s in the Job tab", pipeline.ShortID(v.state.jobID), pipeline.ShortID(first))
	}
	if r := v.state.row(v.selected); r == nil || r.fileName != "cedar.pdf" || v.shownPanel == nil {
		t.Errorf("the document found is not selected with its details open")
	}
	h.ui.Close()

	h2 := newHarness(t, data)
	h2.settle(t)
	if h2.ui.job.state.jobID != last || !h2.ui.job.content.Visible() {
		t.Errorf("after a restart the window shows job %q; want the last one", pipeline.ShortID(h2.ui.job.state.jobID))
	}
}

// Jobs waiting behind the running one can be sent to the front, moved and
// removed; they run in the order shown, the order is in the database, a
// removed job stays in History with its documents skipped, and each job's
// end is said in the window.
func TestQueueOrderAndRemove(t *testing.T) {
	h := newHarnessWith(t, Config{DefaultDataDir: t.TempDir(), WorkerOnly: true})
	loans := pipelinetest.SampleLoans()
	pdf := func(i int) []byte { return pipelinetest.PDF(pipelinetest.Page{Lines: loans[i].EstimateLines()}) }
	h.drop(h.write(t, "hangs.pdf", append(pdf(0), "%HANG-ME\n"...)))
	h.drop(h.write(t, "b.pdf", pdf(1)))
	h.drop(h.write(t, "c.pdf", pdf(2)))
	h.drop(h.write(t, "d.pdf", pdf(0)))
	h.q.drainUntil(t, func() bool { return len(h.ui.ctrl.waitingJobs()) == 3 && h.ui.job.state.live }, 60*time.Second)
	names := func() []string {
		var out []string
		for _, j := range h.ui.ctrl.waitingJobs() {
			out = append(out, strings.Fields(j.title)[0])
		}
		return out
	}
	if got := strings.Join(names(), " "); got != "b.pdf c.pdf d.pdf" {
		t.Fatalf("queue %q; want the drop order", got)
	}
	if !h.ui.queueView.button.Visible() || h.ui.queueView.button.Text != "Queue (3)" {
		t.Errorf("queue button %q", h.ui.queueView.button.Text)
	}
	h.ui.showQueue()
	test.Tap(buttonIn(t, h.ui.queueView.list.Objects[2], "Process next")) // d.pdf to the front
	if got := strings.Join(names(), " "); got != "d.pdf b.pdf c.pdf" {
		t.Fatalf("after 'process next' the queue is %q", got)
	}
	waiting := h.ui.ctrl.waitingJobs()
	removed := waiting[2].jobID
	test.Tap(buttonIn(t, h.ui.queueView.list.Objects[2], "Remove"))
	closeOverlays(h.win)
	h.settle(t)
	st := h.ui.currentStore()
	for i, j := range h.ui.ctrl.waitingJobs() {
		info, err := st.Job(context.Background(), j.jobID)
		if err != nil || info.QueuePosition != i+1 {
			t.Errorf("%s: queue position %d in the database; want %d", j.title, info.QueuePosition, i+1)
		}
	}
	gone, err := st.Summary(context.Background(), removed)
	if err != nil || gone.Status != pipeline.JobCancelled || gone.Results[0].Status != pipeline.DocSkipped {
		t.Errorf("the removed job is %+v, %v; want cancelled with its document skipped", gone, err)
	}

	test.Tap(h.ui.job.cancel) // the hanging job
	var ran []string
	h.q.drainUntil(t, func() bool {
		if s := h.ui.job.state; s.jobID != "" && len(s.rows) > 0 && (len(ran) == 0 || ran[len(ran)-1] != s.rows[0].fileName) {
			ran = append(ran, s.rows[0].fileName)
		}
		return !h.ui.ctrl.busy() && !h.ui.job.state.live
	}, 90*time.Second)
	if got := strings.Join(ran, " "); !strings.HasSuffix(got, "d.pdf b.pdf") {
		t.Errorf("jobs ran as %q; want d.pdf then b.pdf last", got)
	}
	if !h.ui.finishedBox.Visible() || !strings.Contains(h.ui.finished.Text, "finished: 1 of 1 read") {
		t.Errorf("no line saying the last job finished: %q", h.ui.finished.Text)
	}
}

// Export… asks for a format by name and saves in Documents (or where the
// person saved last), not in the folder the documents came from.
func TestExportChoosesFormatAndFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	docs := filepath.Join(home, "Documents")
	os.MkdirAll(docs, 0o755)
	if got := exportFolder(""); got != docs {
		t.Errorf("export folder %q; want %q", got, docs)
	}
	last := t.TempDir()
	if got := exportFolder(last); got != last {
		t.Errorf("export folder %q; want the last one used, %q", got, last)
	}
	if got := exportFolder(filepath.Join(home, "gone")); got != docs {
		t.Errorf("a last folder that is gone gives %q; want Documents", got)
	}

	h := newHarness(t, t.TempDir())
	h.drop(h.write(t, "a.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()})))
	h.waitJobDone(t)
	h.ui.exportCurrent()
	h.settle(t)
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Export… opened no dialog")
	}
	var radio *widget.RadioGroup
	for _, o := range test.LaidOutObjects(top) {
		if r, ok := o.(*widget.RadioGroup); ok {
			radio = r
		}
	}
	if radio == nil || len(radio.Options) < 3 || radio.Selected == "" {
		t.Fatalf("no format choice in the export dialog: %+v", radio)
	}
	for _, want := range []string{"Excel workbook (.xlsx)", "CSV for other programs (.csv)", "JSON for scripts (.json)"} {
		if !slices.Contains(radio.Options, want) {
			t.Errorf("the export dialog does not offer %q: %v", want, radio.Options)
		}
	}
}

// A document saved into the watched folder of the settings becomes a job
// by itself, once.
func TestWindowTakesTheWatchedFolder(t *testing.T) {
	h := newHarness(t, t.TempDir())
	dir := t.TempDir()
	h.ui.settings.watchDir = dir
	h.ui.startWatching()
	os.WriteFile(filepath.Join(dir, "scanned.pdf"), pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[2].TermSheetLines()}), 0o644)
	h.q.drainUntil(t, func() bool {
		s := h.ui.job.state
		return s.jobID != "" && !s.live && len(s.rows) == 1 && s.rows[0].fileName == "scanned.pdf" && !h.ui.ctrl.busy()
	}, 60*time.Second)
	h.pump(3 * time.Second)
	jobs, _ := h.ui.currentStore().Jobs(context.Background())
	if len(jobs) != 1 {
		t.Errorf("%d jobs; the watched file should be taken once", len(jobs))
	}
}

// System files in a dropped folder are left out, and the window says so.
func TestDroppedFolderSaysWhatItSkipped(t *testing.T) {
	h := newHarness(t, t.TempDir())
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.pdf"), pipelinetest.PDF(pipelinetest.Page{Lines: pipelinetest.SampleLoans()[0].EstimateLines()}), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "Thumbs.db"), []byte("x"), 0o644)
	h.drop(dir)
	h.waitJobDone(t)
	if n := len(h.ui.job.state.rows); n != 1 {
		t.Errorf("%d rows; want the document alone", n)
	}
	h.settle(t)
	if !strings.Contains(h.ui.finished.Text, "2 system files skipped") {
		t.Errorf("top line %q", h.ui.finished.Text)
	}
}
