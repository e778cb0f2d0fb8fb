// Package ui is Loan Batch's desktop window (Fyne). It drives the pipeline
// and turns its events into widget updates on the UI goroutine; it reaches
// the database only through pipeline.Store.
package ui

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"slices"
	"sync"
	"sync/atomic"
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
	"loanbatch/ocr"
	"loanbatch/pipeline"
	"loanbatch/ui/details"
	"loanbatch/ui/widgets"
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
	// Closing the window, or a panic on the UI goroutine, leaves the job in
	// flight interrupted (resumable on the next start), never cancelled.
	defer u.Close()
	w.Resize(widgets.WindowSize())
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
	stop context.CancelCauseFunc

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
	tips    *widgets.HoverTips

	queueView   queueView
	finished    *widget.Label     // "Job … finished: …" after a job ends
	finishedBox fyne.CanvasObject // that line and its Show button
	finishedJob string
	notice      string             // a line told before the job ended, such as files skipped
	stopWatch   context.CancelFunc // stops the watched folder's watcher

	loads     int          // counts job loads, so that only the latest is shown
	afterLoad func()       // runs once after the next job load is shown
	inflight  atomic.Int64 // background work not yet reported back
}

// Create builds the UI into w. dispatch runs a function on the UI
// goroutine (fyne.Do in the app).
func Create(ctx context.Context, a fyne.App, w fyne.Window, cfg Config, dispatch func(func())) *UI {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	ctx, stop := context.WithCancelCause(ctx)
	u := &UI{app: a, win: w, cfg: cfg, log: cfg.Logger.With("component", "ui"), ctx: ctx, stop: stop}
	u.settings = loadSettings(a.Preferences(), cfg.DefaultDataDir)
	u.tips = widgets.NewHoverTips()
	u.job = newJobView(a.Preferences().String(prefColumnWidths))
	u.job.tips = u.tips
	u.history = &historyView{tips: u.tips}
	u.compare = &compareView{}
	u.ctrl = &controller{
		newRunner: u.newRunner,
		options:   u.settings.options,
		dispatch:  dispatch,
		onEvents:  u.onEvents,
		onError:   u.showError,
		onQueue:   u.refreshQueue,
		onNotice:  u.tell,
		log:       u.log,
	}
	w.SetContent(u.build())
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.addURIs(uris) })
	u.addShortcuts()
	u.ctrl.start(ctx)
	u.openStore()
	return u
}

// Close stops the running job, leaving it interrupted (it is resumed on
// the next start), and closes the store.
func (u *UI) Close() {
	u.app.Preferences().SetString(prefColumnWidths, u.job.columnWidths())
	u.stop(pipeline.ErrShutdown)
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
	sub := widget.NewLabel("PDFs, scans and photos (JPEG, PNG, TIFF, HEIC, WebP…), folders and ZIPs — Loan Estimates,\n" +
		"Closing Disclosures, commitment letters, applications (1003), underwriting summaries (1008),\n" +
		"Notes and mortgage statements. They are read one at a time, in the order dropped.")
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
	u.job.onLeave = u.saveDrafts
	u.job.onDetails = func(r *rowState) *details.View {
		return details.New(details.Doc{FileName: r.fileName, Stage: stageLabel(r), Result: r.result}, details.Actions{
			Open: u.openDocument, Text: u.showText, Close: u.job.closeDetails,
			Save: u.saveCorrections, Review: u.markReviewed, Drafts: u.job.draftsOf,
		})
	}
	u.jobArea = container.NewStack(u.drop, jobContent)
	jobContent.Hide()

	u.history.onOpen = u.openJob
	u.history.onOpenHit = func(h pipeline.SearchHit) { u.loadJob(h.JobID, h.DocumentID, true) }
	u.history.onSearch = u.search
	u.jobTab = container.NewTabItemWithIcon("Job", theme.ListIcon(), u.jobArea)
	u.tabs = container.NewAppTabs(u.jobTab,
		container.NewTabItemWithIcon("History", theme.HistoryIcon(), u.history.build()),
		container.NewTabItemWithIcon("Compare", theme.GridIcon(), u.compare.build()))
	u.tabs.OnSelected = func(t *container.TabItem) {
		u.tips.Hide() // the cell it belonged to is out of view: no MouseOut comes
		if t.Text == "History" {
			u.reloadHistory()
		}
	}
	settings := widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), u.showSettings)
	u.finished = widget.NewLabel("")
	u.finished.Truncation = fyne.TextTruncateEllipsis
	show := widget.NewButton("Show", func() {
		if u.finishedJob != "" {
			u.openJob(u.finishedJob)
		}
	})
	show.Importance = widget.LowImportance
	u.finishedBox = container.NewBorder(nil, nil, nil, show, u.finished)
	u.finishedBox.Hide()
	bar := container.NewBorder(nil, nil, container.NewHBox(addFiles, addFolder),
		container.NewHBox(u.buildQueue(), settings), u.finishedBox)
	return container.NewStack(container.NewBorder(container.NewPadded(bar), nil, nil, nil, u.tabs), u.tips.Layer)
}

func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	// A shortcut never acts behind an open dialog.
	add := func(key fyne.KeyName, do func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if !u.dialogOpen() {
				do()
			}
		})
	}
	add(fyne.KeyO, u.addFilesDialog)
	add(fyne.KeyE, u.exportCurrent)
	add(fyne.KeyH, func() { u.tabs.SelectIndex(1) })
	add(fyne.KeyS, func() {
		if p := u.job.shownPanel; p != nil {
			p.SaveEdits()
		}
	})
	// Esc closes the dialog on top; the arrow keys move the job's selection
	// when nothing has the focus (the table takes them itself when it has).
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			if top := c.Overlays().Top(); top != nil {
				top.Hide()
				c.Overlays().Remove(top)
			}
			return
		}
		if u.dialogOpen() || u.tabs.Selected() != u.jobTab || !u.job.content.Visible() {
			return
		}
		switch e.Name {
		case fyne.KeyUp:
			u.job.moveSelection(-1)
		case fyne.KeyDown:
			u.job.moveSelection(1)
		}
	})
}

// dialogOpen reports whether a dialog (or any pop-up) is showing.
func (u *UI) dialogOpen() bool {
	return u.win.Canvas().Overlays().Top() != nil
}

// background runs work off the UI goroutine (the database, the disk) and
// then done with its result on the UI goroutine.
func background[T any](u *UI, work func(ctx context.Context) (T, error), done func(T, error)) {
	u.inflight.Add(1)
	go func() {
		v, err := work(u.ctx)
		u.ctrl.dispatch(func() {
			defer u.inflight.Add(-1)
			done(v, err)
		})
	}()
}

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

func (u *UI) addFolderDialog() {
	dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.addURIs([]fyne.URI{l})
	}, u.win)
}

// startJob queues a job with paths, after checking what would make every
// document fail. The job is recorded in the store at once, off the UI
// goroutine.
func (u *UI) startJob(paths []string) {
	if u.currentStore() == nil {
		u.showError(problem("No data folder is open, so the documents cannot be stored.\n\nChoose a folder you can write to in Settings."))
		return
	}
	lang := u.settings.snapshot().language
	if langs, err := ocr.Languages(); err == nil && !slices.Contains(langs, lang) {
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

// onEvents applies a batch of runner events; on the UI goroutine.
func (u *UI) onEvents(events []pipeline.Event) {
	finished := false
	for _, e := range events {
		if e.Kind == pipeline.EventJobStarted {
			u.showJobArea()
			u.loads++ // a job loading from history must not replace the live one
		}
		finished = finished || e.Kind == pipeline.EventJobDone
	}
	u.job.applyEvents(events, time.Now())
	u.refreshQueue()
	if finished {
		u.reloadHistory()
		for _, e := range events {
			if e.Kind != pipeline.EventJobDone || e.Summary == nil {
				continue
			}
			u.jobFinished(e.Summary)
			if e.Summary.JobID == u.job.state.jobID {
				u.compare.load(e.Summary)
			}
		}
	}
}

func (u *UI) showSettings() {
	langs, _ := ocr.Languages()
	showSettings(u.win, u.settings, langs, func(dirChanged, watchChanged bool) {
		u.settings.save(u.app.Preferences())
		if watchChanged && !dirChanged {
			u.startWatching()
		}
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
