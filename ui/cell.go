package ui

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

// hoverTips is a layer above the window's content where a cell shows its
// whole text. It is not an overlay: Fyne sends hover events only into the
// top overlay, so a pop-up would take the hover from the cell at once.
type hoverTips struct {
	layer *fyne.Container
}

func newHoverTips() *hoverTips { return &hoverTips{layer: container.NewWithoutLayout()} }

// show puts text near at, a position on the canvas.
func (h *hoverTips) show(text string, at fyne.Position) {
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
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.layer)
	pos := at.Subtract(origin).Add(fyne.NewPos(12, 18))
	if room := h.layer.Size().Width - size.Width - 4; pos.X > room {
		pos.X = max(0, room)
	}
	if room := h.layer.Size().Height - size.Height - 4; pos.Y > room {
		pos.Y = max(0, at.Subtract(origin).Y-size.Height-8)
	}
	tip.Move(pos)
	h.layer.Objects = []fyne.CanvasObject{tip}
	h.layer.Refresh()
}

func (h *hoverTips) hide() {
	if len(h.layer.Objects) > 0 {
		h.layer.Objects = nil
		h.layer.Refresh()
	}
}

// tableCell is a table cell: an optional icon and one line of text. When
// the text does not fit, the cell shows as much as fits and its whole text
// appears while the mouse rests on it.
type tableCell struct {
	widget.BaseWidget
	icon  *widget.Icon
	label *widget.Label
	full  string     // the whole text
	tips  *hoverTips // nil: no hover text
}

func newTableCell(tips *hoverTips) *tableCell {
	c := &tableCell{icon: widget.NewIcon(nil), label: widget.NewLabel(""), tips: tips}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, c.icon, nil, c.label))
}

// set shows text, or shown (a shortened form) when it is not empty, and
// keeps text for the hover.
func (c *tableCell) set(text, shown string) {
	c.full = text
	if shown == "" {
		shown = text
	}
	c.label.SetText(shown)
}

// truncated reports whether the cell cannot show its whole text.
func (c *tableCell) truncated() bool {
	if c.full == "" {
		return false
	}
	if c.label.Text != c.full {
		return true
	}
	room := c.label.Size().Width - 2*theme.InnerPadding()
	return fyne.MeasureText(c.full, theme.TextSize(), c.label.TextStyle).Width > room
}

// MouseIn shows the whole text of a truncated cell.
func (c *tableCell) MouseIn(e *desktop.MouseEvent) {
	if c.tips != nil && c.truncated() {
		c.tips.show(c.full, e.AbsolutePosition)
	}
}

// MouseMoved is needed to be Hoverable.
func (c *tableCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the whole text.
func (c *tableCell) MouseOut() {
	if c.tips != nil {
		c.tips.hide()
	}
}

// shortenMiddle fits name into width by cutting its middle, so that a
// file's extension and the end of its name stay visible.
func shortenMiddle(name string, width float32, style fyne.TextStyle) string {
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
