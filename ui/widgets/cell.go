// Package widgets holds the window's general-purpose pieces: a table cell
// that shows its whole text on hover, the layer those texts show in, and
// the window's size for the screen it opens on.
package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxTipWidth is the widest a hover text gets before it wraps.
const maxTipWidth = 480

// HoverTips is a layer above the window's content where a cell shows its
// whole text. It is not an overlay: Fyne sends hover events only into the
// top overlay, so a pop-up would take the hover from the cell at once.
type HoverTips struct {
	Layer *fyne.Container // put it above the window's content
	owner *TableCell      // the cell whose text shows
}

// NewHoverTips returns an empty layer.
func NewHoverTips() *HoverTips { return &HoverTips{Layer: container.NewWithoutLayout()} }

// show puts the text of cell c near at, a position on the canvas.
func (h *HoverTips) show(c *TableCell, text string, at fyne.Position) {
	h.owner = c
	label := widget.NewLabel(text)
	size := label.MinSize()
	if size.Width > maxTipWidth {
		label.Wrapping = fyne.TextWrapWord
		label.Resize(fyne.NewSize(maxTipWidth, size.Height))
		size = fyne.NewSize(maxTipWidth, label.MinSize().Height)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	tip := container.NewStack(bg, label)
	tip.Resize(size)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.Layer)
	pos := at.Subtract(origin).Add(fyne.NewPos(12, 18))
	if room := h.Layer.Size().Width - size.Width - 4; pos.X > room {
		pos.X = max(0, room)
	}
	if room := h.Layer.Size().Height - size.Height - 4; pos.Y > room {
		pos.Y = max(0, at.Subtract(origin).Y-size.Height-8)
	}
	tip.Move(pos)
	h.Layer.Objects = []fyne.CanvasObject{tip}
	h.Layer.Refresh()
}

// Hide removes the text shown.
func (h *HoverTips) Hide() {
	h.owner = nil
	if len(h.Layer.Objects) > 0 {
		h.Layer.Objects = nil
		h.Layer.Refresh()
	}
}

// TableCell is a table cell: an optional icon and one line of text. When
// the text does not fit, the cell shows as much as fits and its whole text
// appears while the mouse rests on it.
type TableCell struct {
	widget.BaseWidget
	Icon  *widget.Icon
	Label *widget.Label
	Full  string     // the whole text
	tips  *HoverTips // nil: no hover text
}

// NewTableCell returns an empty cell whose hover text shows in tips.
func NewTableCell(tips *HoverTips) *TableCell {
	c := &TableCell{Icon: widget.NewIcon(nil), Label: widget.NewLabel(""), tips: tips}
	c.Label.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is the icon beside the text.
func (c *TableCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, c.Icon, nil, c.Label))
}

// Set shows text, or shown (a shortened form) when it is not empty, and
// keeps text for the hover.
func (c *TableCell) Set(text, shown string) {
	if c.tips != nil && c.tips.owner == c && text != c.Full {
		c.tips.Hide() // a table reused the cell for another row under the mouse
	}
	c.Full = text
	if shown == "" {
		shown = text
	}
	c.Label.SetText(shown)
}

// truncated reports whether the cell cannot show its whole text.
func (c *TableCell) truncated() bool {
	if c.Full == "" {
		return false
	}
	if c.Label.Text != c.Full {
		return true
	}
	room := c.Label.Size().Width - 2*theme.InnerPadding()
	return fyne.MeasureText(c.Full, theme.TextSize(), c.Label.TextStyle).Width > room
}

// MouseIn shows the whole text of a truncated cell.
func (c *TableCell) MouseIn(e *desktop.MouseEvent) {
	if c.tips != nil && c.truncated() {
		c.tips.show(c, c.Full, e.AbsolutePosition)
	}
}

// MouseMoved is needed to be Hoverable.
func (c *TableCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the whole text.
func (c *TableCell) MouseOut() {
	if c.tips != nil {
		c.tips.Hide()
	}
}

// ShortenMiddle fits name into width by cutting its middle, so that a
// file's extension and the end of its name stay visible.
func ShortenMiddle(name string, width float32, style fyne.TextStyle) string {
	size := theme.TextSize()
	room := width - 2*theme.InnerPadding() - 4
	if room <= 0 || fyne.MeasureText(name, size, style).Width <= room {
		return name
	}
	runes := []rune(name)
	for keep := len(runes) - 1; keep > 2; keep-- {
		head := (keep + 1) / 2
		s := string(runes[:head]) + "…" + string(runes[len(runes)-(keep-head):])
		if fyne.MeasureText(s, size, style).Width <= room {
			return s
		}
	}
	return string(runes[:1]) + "…"
}
