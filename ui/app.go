// Package ui is Loan Batch's desktop window (Fyne). It drives the pipeline
// and turns its events into widget updates on the UI goroutine.
package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Run opens the window and blocks until it is closed.
func Run(ctx context.Context, paths []string) error {
	a := app.NewWithID("com.loanbatch.app")
	w := a.NewWindow("Loan Batch")
	w.SetContent(container.NewCenter(widget.NewLabel("Drop loan documents here")))
	w.Resize(fyne.NewSize(1100, 700))
	w.ShowAndRun()
	return nil
}
