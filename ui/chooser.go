package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"github.com/rymdport/portal/filechooser"
)

// documentPatterns are the file name patterns the native chooser offers.
var documentPatterns = []string{"*.pdf", "*.PDF", "*.jpg", "*.jpeg", "*.JPG", "*.JPEG", "*.png", "*.PNG", "*.tif", "*.tiff", "*.TIF", "*.TIFF"}

// addFilesDialog lets a person pick documents to add, several at once: the
// desktop's own file chooser through the XDG desktop portal where one
// runs, Fyne's dialog (one file at a time) where none does.
func (u *UI) addFilesDialog() {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		u.fyneFilesDialog()
		return
	}
	go func() {
		var rules []filechooser.Rule
		for _, p := range documentPatterns {
			rules = append(rules, filechooser.Rule{Type: filechooser.GlobPattern, Pattern: p})
		}
		docs := &filechooser.Filter{Name: "Loan documents (PDF, JPEG, PNG, TIFF)", Rules: rules}
		uris, err := filechooser.OpenFile("", "Add loan documents", &filechooser.OpenFileOptions{
			AcceptLabel: "Add", Multiple: true, Filters: []*filechooser.Filter{docs, {Name: "All files", Rules: []filechooser.Rule{{Type: filechooser.GlobPattern, Pattern: "*"}}}},
			CurrentFilter: docs,
		})
		u.ctrl.dispatch(func() {
			if err != nil {
				u.log.Info("no desktop file chooser; using Fyne's", "err", err)
				u.fyneFilesDialog()
				return
			}
			var paths []string
			for _, uri := range uris {
				if p, ok := strings.CutPrefix(uri, "file://"); ok {
					paths = append(paths, p)
				}
			}
			if len(paths) > 0 {
				u.startJob(paths)
			}
		})
	}()
}

func (u *UI) fyneFilesDialog() {
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
