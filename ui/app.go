// Package ui is Loan Batch's desktop window (Fyne). It drives the pipeline
// and turns its events into widget updates on the UI goroutine; it reaches
// the database only through pipeline.Store.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/assets"
	"loanbatch/pipeline"
	"loanbatch/pipeline/export"
)

// StoreOpener opens the data folder dir, returning the store and how to
// close it.
type StoreOpener func(ctx context.Context, dir string) (pipeline.Store, io.Closer, error)

// Config is what the window needs from its caller.
type Config struct {
	Paths          []string // documents to start a job with, as "Open with" passes them
	DefaultDataDir string
	OpenStore      StoreOpener
	Logger         *slog.Logger // nil means slog.Default()
	// WorkerCommand, when set, starts the runner's worker processes (tests).
	WorkerCommand func() *exec.Cmd
	// WorkerOnly reads every document in the worker (fault-injection tests).
	WorkerOnly bool
}

// Run opens the window and blocks until it is closed.
func Run(ctx context.Context, cfg Config) error {
	a := app.NewWithID("com.loanbatch.app")
	a.SetIcon(fyne.NewStaticResource("Icon.png", assets.Icon))
	w := a.NewWindow("Loan Batch")
	u := Create(ctx, a, w, cfg, fyne.Do)
	defer u.Close()
	w.Resize(fyne.NewSize(1280, 780))
	w.ShowAndRun()
	return nil
}

// UI is the built window. Create it with Create; Close it when the window
// has closed.
type UI struct {
	app  fyne.App
	win  fyne.Window
	cfg  Config
	log  *slog.Logger
	ctx  context.Context
	stop context.CancelFunc

	settings *settings
	storeMu  sync.Mutex
	store    pipeline.Store
	closer   io.Closer

	ctrl    *controller
	job     *jobView
	history *historyView
	compare *compareView
	tabs    *container.AppTabs
	jobTab  *container.TabItem
	jobArea *fyne.Container
	drop    fyne.CanvasObject
	queue   *widget.Label
}

// Create builds the UI into w. dispatch runs a function on the UI
// goroutine (fyne.Do in the app).
func Create(ctx context.Context, a fyne.App, w fyne.Window, cfg Config, dispatch func(func())) *UI {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	ctx, stop := context.WithCancel(ctx)
	u := &UI{app: a, win: w, cfg: cfg, log: cfg.Logger.With("component", "ui"), ctx: ctx, stop: stop}
	u.settings = loadSettings(a.Preferences(), cfg.DefaultDataDir)
	u.job = newJobView()
	u.history = &historyView{}
	u.compare = &compareView{}
	u.ctrl = &controller{
		newRunner: u.newRunner,
		options:   u.settings.options,
		dispatch:  dispatch,
		onEvents:  u.onEvents,
		onError:   u.showError,
		log:       u.log,
	}
	w.SetContent(u.build())
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.addURIs(uris) })
	u.addShortcuts()
	u.ctrl.start(ctx)
	u.openStore()
	if len(cfg.Paths) > 0 {
		u.startJob(cfg.Paths)
	}
	return u
}

// Close stops the running job and closes the store.
func (u *UI) Close() {
	u.ctrl.cancelCurrent()
	u.stop()
	for i := 0; i < 100 && u.ctrl.busy(); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	u.storeMu.Lock()
	defer u.storeMu.Unlock()
	if u.closer != nil {
		u.closer.Close()
		u.closer, u.store = nil, nil
	}
}

func (u *UI) build() fyne.CanvasObject {
	addFiles := widget.NewButtonWithIcon("Add files…", theme.FileIcon(), u.addFilesDialog)
	addFolder := widget.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), u.addFolderDialog)
	addFiles.Importance = widget.HighImportance

	hint := widget.NewRichText(&widget.TextSegment{Text: "Drop loan documents here", Style: widget.RichTextStyle{
		Alignment: fyne.TextAlignCenter, SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true},
	}})
	icon := canvas.NewImageFromResource(theme.UploadIcon())
	icon.SetMinSize(fyne.NewSize(72, 72))
	sub := widget.NewLabel("PDF, JPEG, PNG or TIFF — Loan Estimates, Closing Disclosures, commitment letters, scans.\nThey are read one at a time, in the order dropped.")
	sub.Alignment = fyne.TextAlignCenter
	u.drop = container.NewCenter(container.NewVBox(
		container.NewCenter(icon), hint, sub,
		container.NewCenter(container.NewHBox(
			widget.NewButtonWithIcon("Add files…", theme.FileIcon(), u.addFilesDialog),
			widget.NewButtonWithIcon("Add folder…", theme.FolderOpenIcon(), u.addFolderDialog)))))

	jobContent := u.job.build()
	u.job.onCancel = u.ctrl.cancelCurrent
	u.job.onExport = u.exportCurrent
	u.job.onResume = func() { u.rerun(jobRequest{resume: u.job.state.jobID}) }
	u.job.onRetry = func() { u.rerun(jobRequest{retry: u.job.state.jobID}) }
	u.job.onDetails = func(r *rowState) fyne.CanvasObject {
		return detailsPanel(r, detailActions{
			open: u.openDocument, text: u.showText, close: u.job.closeDetails,
			save: u.saveCorrections, review: u.markReviewed,
		})
	}
	u.jobArea = container.NewStack(u.drop, jobContent)
	jobContent.Hide()

	u.history.onOpen = u.openJob
	u.jobTab = container.NewTabItemWithIcon("Job", theme.ListIcon(), u.jobArea)
	u.tabs = container.NewAppTabs(u.jobTab,
		container.NewTabItemWithIcon("History", theme.HistoryIcon(), u.history.build()),
		container.NewTabItemWithIcon("Compare", theme.GridIcon(), u.compare.build()))
	u.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "History" {
			u.reloadHistory()
		}
	}
	u.queue = widget.NewLabel("")
	settings := widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), u.showSettings)
	bar := container.NewBorder(nil, nil, container.NewHBox(addFiles, addFolder), container.NewHBox(u.queue, settings))
	return container.NewBorder(container.NewPadded(bar), nil, nil, nil, u.tabs)
}

func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.addFilesDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { u.exportCurrent() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.tabs.SelectIndex(1)
	})
}

// ---- the store ----

func (u *UI) openStore() {
	dir := u.settings.snapshot().dataDir
	st, closer, err := u.cfg.OpenStore(u.ctx, dir)
	if err != nil {
		u.log.Error("cannot open data folder", "dir", dir, "err", err)
		u.showError(problemf("Loan Batch cannot use the data folder %s: %v.\n\nChoose another folder in Settings.", dir, rootCause(err)))
		return
	}
	u.storeMu.Lock()
	old := u.closer
	u.store, u.closer = st, closer
	u.storeMu.Unlock()
	if old != nil {
		old.Close()
	}
	u.reloadHistory()
	u.offerResume()
}

// offerResume asks, on start, whether to finish the jobs whose process died.
func (u *UI) offerResume() {
	st := u.currentStore()
	if st == nil {
		return
	}
	jobs, err := st.MarkInterrupted(u.ctx, pipeline.OwnerAlive)
	if err != nil || len(jobs) == 0 {
		return
	}
	msg := fmt.Sprintf("%d jobs stopped before they finished (the app was closed or the computer went off).\nResume them now? Documents already read are kept.", len(jobs))
	if len(jobs) == 1 {
		msg = fmt.Sprintf("Job %s stopped before it finished (%d of %d documents done).\nResume it now? Documents already read are kept.",
			shortID(jobs[0].JobID), jobs[0].ProcessedDocuments+jobs[0].SkippedDocuments, jobs[0].TotalDocuments)
	}
	dialog.ShowConfirm("Resume interrupted jobs?", msg, func(ok bool) {
		if ok {
			for _, j := range jobs {
				u.rerun(jobRequest{resume: j.JobID})
			}
		}
	}, u.win)
}

// rerun queues a resume or a retry of an earlier job.
func (u *UI) rerun(req jobRequest) {
	if u.currentStore() == nil {
		return
	}
	u.ctrl.enqueue(u.ctx, req)
	u.showJobArea()
	u.tabs.Select(u.jobTab)
	u.refreshQueue()
}

func (u *UI) currentStore() pipeline.Store {
	u.storeMu.Lock()
	defer u.storeMu.Unlock()
	return u.store
}

func (u *UI) newRunner(opts pipeline.Options) (*pipeline.Runner, error) {
	st := u.currentStore()
	if st == nil {
		return nil, errors.New("no data folder is open: choose one in Settings")
	}
	opts.Logger = u.cfg.Logger
	opts.WorkerOnly = u.cfg.WorkerOnly
	if u.cfg.WorkerCommand != nil {
		opts.WorkerCommand = u.cfg.WorkerCommand
	}
	return pipeline.NewRunner(st, opts), nil
}

func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// ---- starting jobs ----

func (u *UI) addURIs(uris []fyne.URI) {
	var paths []string
	for _, uri := range uris {
		if uri.Scheme() == "file" {
			paths = append(paths, uri.Path())
		}
	}
	if len(paths) > 0 {
		u.startJob(paths)
	}
}

var docFilter = storage.NewExtensionFileFilter([]string{".pdf", ".PDF", ".jpg", ".jpeg", ".JPG", ".JPEG", ".png", ".PNG", ".tif", ".tiff", ".TIF", ".TIFF", ".webp", ".WEBP", ".bmp", ".BMP", ".gif", ".GIF", ".jp2", ".JP2", ".j2k", ".J2K", ".heic", ".HEIC", ".heif", ".HEIF", ".avif", ".AVIF", ".zip", ".ZIP"})

func (u *UI) addFilesDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		u.addURIs([]fyne.URI{r.URI()})
	}, u.win)
	d.SetFilter(docFilter)
	d.Show()
}

func (u *UI) addFolderDialog() {
	dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.addURIs([]fyne.URI{l})
	}, u.win)
}

// startJob queues a job with paths, after checking what would make every
// document fail.
func (u *UI) startJob(paths []string) {
	if u.currentStore() == nil {
		u.showError(problem("No data folder is open, so the documents cannot be stored.\n\nChoose a folder you can write to in Settings."))
		return
	}
	lang := u.settings.snapshot().language
	if langs, err := pipeline.OCRLanguages(); err == nil && !slices.Contains(langs, lang) {
		u.showError(problemf("The OCR language %q is not installed, so scans cannot be read.\n\nInstall the tesseract-ocr-%s package, or choose another language in Settings.", lang, lang))
		return
	}
	u.ctrl.enqueue(u.ctx, jobRequest{paths: paths})
	u.showJobArea()
	u.tabs.Select(u.jobTab)
	u.refreshQueue()
}

func (u *UI) showJobArea() {
	u.drop.Hide()
	u.job.content.Show()
	u.jobArea.Refresh()
}

func (u *UI) refreshQueue() {
	switch n := u.ctrl.queued(); n {
	case 0:
		u.queue.SetText("")
	case 1:
		u.queue.SetText("1 job queued")
	default:
		u.queue.SetText(fmt.Sprintf("%d jobs queued", n))
	}
}

// onEvents applies a batch of runner events; on the UI goroutine.
func (u *UI) onEvents(events []pipeline.Event) {
	finished := false
	for _, e := range events {
		if e.Kind == pipeline.EventJobStarted {
			u.showJobArea()
		}
		finished = finished || e.Kind == pipeline.EventJobDone
	}
	u.job.applyEvents(events, time.Now())
	u.refreshQueue()
	if finished {
		u.reloadHistory()
		for _, e := range events {
			if e.Kind == pipeline.EventJobDone && e.Summary != nil && e.Summary.JobID == u.job.state.jobID {
				u.compare.load(e.Summary)
			}
		}
	}
}

// ---- history ----

func (u *UI) reloadHistory() {
	st := u.currentStore()
	if st == nil {
		return
	}
	if _, err := st.MarkInterrupted(u.ctx, pipeline.OwnerAlive); err != nil {
		u.log.Error("mark interrupted jobs", "err", err)
	}
	jobs, err := st.Jobs(u.ctx)
	if err != nil {
		u.log.Error("list jobs", "err", err)
		return
	}
	u.history.setJobs(jobs)
}

// openJob shows a stored job in the job view.
func (u *UI) openJob(jobID string) {
	st := u.currentStore()
	if st == nil {
		return
	}
	if u.job.state.live && u.job.state.jobID != jobID {
		u.showError(problem("A job is running: wait for it to finish (or cancel it) before opening another."))
		return
	}
	sum, err := st.Summary(u.ctx, jobID)
	if err != nil {
		u.showError(problemf("The job %s cannot be opened: %v", shortID(jobID), err))
		return
	}
	if !u.job.state.live {
		u.job.load(sum)
		u.compare.load(sum)
	}
	u.showJobArea()
	u.tabs.Select(u.jobTab)
}

// ---- export ----

func (u *UI) exportCurrent() {
	jobID := u.job.state.jobID
	st := u.currentStore()
	if jobID == "" || st == nil {
		return
	}
	sum, err := st.Summary(u.ctx, jobID) // a running job exports what is done so far
	if err != nil {
		u.showError(err)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if path, err = exportTo(path, sum); err != nil {
			u.showError(err)
			return
		}
		u.exported(path, len(sum.Results))
	}, u.win)
	d.SetFileName(export.SuggestedName(sum, export.XLSX))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".json"}))
	d.Show()
}

// exportTo writes sum to path (XLSX when its extension names no format)
// and returns the path written.
func exportTo(path string, sum *pipeline.Summary) (string, error) {
	if _, err := export.FormatOf(path); err != nil {
		path += ".xlsx"
	}
	if err := export.WriteFile(path, sum); err != nil {
		return "", problemf("The export could not be written: %v", rootCause(err))
	}
	return path, nil
}

func (u *UI) exported(path string, n int) {
	msg := widget.NewLabel(fmt.Sprintf("Exported %d documents to\n%s", n, path))
	open := widget.NewButtonWithIcon("Open file", theme.FileIcon(), func() { u.openPath(path) })
	dialog.ShowCustom("Export done", "Close", container.NewVBox(msg, open), u.win)
}

// ---- settings and errors ----

func (u *UI) showSettings() {
	langs, _ := pipeline.OCRLanguages()
	showSettings(u.win, u.settings, langs, func(dirChanged bool) {
		u.settings.save(u.app.Preferences())
		if dirChanged {
			if u.ctrl.busy() {
				u.showError(problem("The new data folder will be used once the running job has finished. Reopen Settings then."))
				return
			}
			u.openStore()
		}
	})
}

// problem is a message for the loan officer, shown in an error dialog.
type problem string

func (p problem) Error() string { return string(p) }

func problemf(format string, args ...any) error { return problem(fmt.Sprintf(format, args...)) }

func (u *UI) showError(err error) {
	dialog.ShowError(err, u.win)
}
