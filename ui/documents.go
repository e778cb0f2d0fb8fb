package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
	"loanbatch/reader"
)

// openDocument hands a copy of a stored document to the desktop's viewer.
// Only a document whose content is a format Loan Batch reads is handed
// over, named by that format's extension: never the name it came with
// (a dropped ".desktop" or ".html" must not be launched).
func (u *UI) openDocument(res *pipeline.Result) {
	st := u.currentStore()
	if st == nil || res.SHA256 == "" {
		return
	}
	src, doc := st.ObjectPath(res.SHA256), *res
	background(u, func(context.Context) (string, error) {
		data, err := os.ReadFile(src)
		if err != nil {
			return "", problemf("The stored document cannot be read: %v", rootCause(err))
		}
		ext, err := reader.ViewExtension(doc, data)
		if err != nil {
			return "", problemf("%v", err)
		}
		dir, err := os.MkdirTemp("", "loanbatch-view-") // private: a shared folder could hold another user's link
		if err != nil {
			return "", err
		}
		dst := filepath.Join(dir, doc.SHA256[:16]+ext)
		return dst, os.WriteFile(dst, data, 0o600)
	}, func(path string, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		u.openPath(path)
	})
}

func (u *UI) openPath(path string) {
	if err := u.app.OpenURL(fileURL(path)); err != nil {
		u.showError(problemf("No program could open %s: %v", path, err))
	}
}

func (u *UI) showText(res *pipeline.Result) {
	st := u.currentStore()
	if st == nil {
		return
	}
	name := res.FileName
	background(u, func(ctx context.Context) ([]pipeline.PageText, error) {
		return st.PageTexts(ctx, res.DocumentID)
	}, func(pages []pipeline.PageText, err error) {
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
		d := dialog.NewCustom("Text of "+name, "Close", text, u.win)
		size := u.win.Canvas().Size()
		d.Resize(fyne.NewSize(min(960, size.Width-40), min(680, size.Height-40)))
		d.Show()
	})
}
