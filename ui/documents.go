package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"loanbatch/pipeline"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

func (u *UI) openDocument(res *pipeline.Result) {
	st := u.currentStore()
	if st == nil || res.SHA256 == "" {
		return
	}
	src := st.ObjectPath(res.SHA256)
	data, err := os.ReadFile(src)
	if err != nil {
		u.showError(problemf("The stored document cannot be read: %v", rootCause(err)))
		return
	}
	ext, err := pipeline.ViewExtension(*res, data)
	if err != nil {
		u.showError(problemf("%v", err))
		return
	}
	dir, err := os.MkdirTemp("", "loanbatch-view-") // private: a shared folder could hold another user's link
	if err != nil {
		u.showError(err)
		return
	}
	dst := filepath.Join(dir, res.SHA256[:16]+ext)
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		u.showError(err)
		return
	}
	u.openPath(dst)
}

func (u *UI) openPath(path string) {
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
		u.showError(problemf("No program could open %s: %v", path, err))
	}
}

func (u *UI) showText(res *pipeline.Result) {
	st := u.currentStore()
	if st == nil {
		return
	}
	pages, err := st.PageTexts(u.ctx, res.DocumentID)
	if err != nil {
		u.showError(err)
		return
	}
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "──── Page %d (%s) ────\n%s\n", p.Page, p.Source, p.Text)
	}
	text := widget.NewMultiLineEntry()
	text.SetText(b.String())
	text.TextStyle.Monospace = true
	text.Wrapping = fyne.TextWrapOff
	d := dialog.NewCustom("Text of "+res.FileName, "Close", text, u.win)
	d.Resize(fyne.NewSize(960, 680))
	d.Show()
}
