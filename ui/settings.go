package ui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"loanbatch/ocr"
	"loanbatch/pipeline"
)

// Preference keys.
const (
	prefDataDir       = "data_dir"
	prefStopOnFailure = "stop_on_failure"
	prefLanguage      = "ocr_language"
	prefTimeLimit     = "time_limit_minutes"
	prefColumnWidths  = "job_column_widths"
	prefExportFormat  = "export_format"
	prefExportFolder  = "export_folder"
	prefWatchFolder   = "watch_folder"
)

// settings are the user's choices, kept in Fyne preferences between runs.
// They are read by the job goroutine, hence the lock.
type settings struct {
	mu            sync.Mutex
	dataDir       string
	stopOnFailure bool
	language      string
	timeLimit     time.Duration
	watchDir      string // a folder whose new documents are taken by themselves; "" for none
}

func loadSettings(p fyne.Preferences, defaultDir string) *settings {
	return &settings{
		dataDir:       p.StringWithFallback(prefDataDir, defaultDir),
		stopOnFailure: p.Bool(prefStopOnFailure),
		language:      p.StringWithFallback(prefLanguage, "eng"),
		timeLimit:     time.Duration(p.IntWithFallback(prefTimeLimit, 5)) * time.Minute,
		watchDir:      p.String(prefWatchFolder),
	}
}

func (s *settings) save(p fyne.Preferences) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.SetString(prefDataDir, s.dataDir)
	p.SetBool(prefStopOnFailure, s.stopOnFailure)
	p.SetString(prefLanguage, s.language)
	p.SetInt(prefTimeLimit, int(s.timeLimit/time.Minute))
	p.SetString(prefWatchFolder, s.watchDir)
}

func (s *settings) snapshot() settings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return settings{dataDir: s.dataDir, stopOnFailure: s.stopOnFailure, language: s.language, timeLimit: s.timeLimit, watchDir: s.watchDir}
}

func (s *settings) options() pipeline.Options {
	c := s.snapshot()
	return pipeline.Options{StopOnFailure: c.stopOnFailure, Language: c.language}
}

var timeLimits = []string{"1 minute", "2 minutes", "5 minutes", "10 minutes", "30 minutes"}

func timeLimitLabel(d time.Duration) string {
	m := int(d / time.Minute)
	if m == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", m)
}

// showSettings opens the settings dialog; onSaved runs after a change.
func showSettings(win fyne.Window, s *settings, languages []string, onSaved func(dataDirChanged, watchChanged bool)) {
	cur := s.snapshot()
	dir := widget.NewEntry()
	dir.SetText(cur.dataDir)
	choose := widget.NewButton("Choose…", func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				dir.SetText(u.Path())
			}
		}, win)
	})
	stop := widget.NewCheck("Stop the job at the first failed document", nil)
	stop.SetChecked(cur.stopOnFailure)
	labels := ocr.ReadingLanguages(languages)
	if !slices.Contains(labels, ocr.LanguageLabel(cur.language)) {
		labels = append(labels, ocr.LanguageLabel(cur.language))
	}
	lang := widget.NewSelect(labels, nil)
	lang.SetSelected(ocr.LanguageLabel(cur.language))
	limit := widget.NewSelect(timeLimits, nil)
	limit.SetSelected(timeLimitLabel(cur.timeLimit))
	watch := widget.NewEntry()
	watch.SetText(cur.watchDir)
	watch.SetPlaceHolder("none: documents are added by hand")
	chooseWatch := widget.NewButton("Choose…", func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				watch.SetText(u.Path())
			}
		}, win)
	})
	watchItem := widget.NewFormItem("Watched folder", container.NewBorder(nil, nil, nil, chooseWatch, watch))
	watchItem.HintText = "Documents saved here (by a scanner, say) are read by themselves; they are never moved."
	items := []*widget.FormItem{
		widget.NewFormItem("Data folder", container.NewBorder(nil, nil, nil, choose, dir)),
		watchItem,
		widget.NewFormItem("On failure", stop),
		widget.NewFormItem("OCR language", lang),
		widget.NewFormItem("Time limit per document", limit),
	}
	d := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		var minutes int
		fmt.Sscanf(limit.Selected, "%d", &minutes)
		s.mu.Lock()
		changed := s.dataDir != dir.Text
		watchChanged := s.watchDir != strings.TrimSpace(watch.Text)
		s.dataDir, s.stopOnFailure, s.language = dir.Text, stop.Checked, ocr.LanguageCode(lang.Selected)
		s.watchDir = strings.TrimSpace(watch.Text)
		if minutes > 0 {
			s.timeLimit = time.Duration(minutes) * time.Minute
		}
		s.mu.Unlock()
		onSaved(changed, watchChanged)
	}, win)
	d.Resize(fyne.NewSize(min(680, win.Canvas().Size().Width-40), 400))
	d.Show()
}
