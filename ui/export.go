package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/export"
	"loanbatch/pipeline"
)

// exportChoices are the formats Export… offers, with what a person calls
// them; a format the export package cannot write is left out.
var exportChoices = []struct {
	label string
	ext   string
}{
	{"Excel workbook (.xlsx)", ".xlsx"},
	{"PDF report to print (.pdf)", ".pdf"},
	{"CSV for other programs (.csv)", ".csv"},
	{"JSON for scripts (.json)", ".json"},
}

func (u *UI) exportCurrent() {
	jobID := u.job.state.jobID
	st := u.currentStore()
	if jobID == "" || st == nil || u.dialogOpen() {
		return
	}
	background(u, func(ctx context.Context) (*pipeline.Summary, error) {
		return st.Summary(ctx, jobID) // a running job exports what is done so far
	}, func(sum *pipeline.Summary, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.chooseExport(sum)
	})
}

// chooseExport asks for the format, then where to save: the Documents
// folder unless the person chose another one before.
func (u *UI) chooseExport(sum *pipeline.Summary) {
	var labels []string
	for _, c := range exportChoices {
		if _, err := export.FormatOf("x" + c.ext); err == nil {
			labels = append(labels, c.label)
		}
	}
	format := widget.NewRadioGroup(labels, nil)
	format.SetSelected(u.app.Preferences().StringWithFallback(prefExportFormat, labels[0]))
	if format.Selected == "" {
		format.SetSelected(labels[0])
	}
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("Export %d documents as:", len(sum.Results))), format)
	dialog.ShowCustomConfirm("Export job", "Choose where to save…", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		ext := ".xlsx"
		for _, c := range exportChoices {
			if c.label == format.Selected {
				ext = c.ext
			}
		}
		u.app.Preferences().SetString(prefExportFormat, format.Selected)
		u.saveExport(sum, ext)
	}, u.win)
}

func (u *UI) saveExport(sum *pipeline.Summary, ext string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if filepath.Ext(path) != ext {
			path = strings.TrimSuffix(path, filepath.Ext(path)) + ext
		}
		u.app.Preferences().SetString(prefExportFolder, filepath.Dir(path))
		background(u, func(context.Context) (string, error) { return exportTo(path, sum) }, func(path string, err error) {
			if err != nil {
				u.showError(err)
				return
			}
			u.exported(path, len(sum.Results))
		})
	}, u.win)
	f, _ := export.FormatOf("x" + ext)
	d.SetFileName(export.SuggestedName(sum, f))
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir := exportFolder(u.app.Preferences().String(prefExportFolder)); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

// exportFolder is where exports are saved: the folder used last, else the
// user's Documents folder, else home.
func exportFolder(last string) string {
	for _, dir := range []string{last, documentsFolder()} {
		if st, err := os.Stat(dir); dir != "" && err == nil && st.IsDir() {
			return dir
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// documentsFolder is the user's Documents folder (XDG_DOCUMENTS_DIR on
// Linux desktops), or "".
func documentsFolder() string {
	if d := platformDocuments(); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if dir := os.Getenv("XDG_DOCUMENTS_DIR"); dir != "" {
		return dir
	}
	if b, err := os.ReadFile(filepath.Join(home, ".config", "user-dirs.dirs")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "XDG_DOCUMENTS_DIR="); ok {
				return strings.ReplaceAll(strings.Trim(v, `"`), "$HOME", home)
			}
		}
	}
	return filepath.Join(home, "Documents")
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
