package widgets

import (
	"math"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// preferredSize is the window's size on a screen with room for it.
var preferredSize = fyne.NewSize(1280, 780)

// WindowSize fits the preferred size to the primary screen, leaving room
// for panels and the title bar: a 1024×768 laptop gets a window it can see
// whole. It must run on the main goroutine after the app's first window
// is created (GLFW is initialised then); without a screen it returns the
// preferred size.
func WindowSize() (size fyne.Size) {
	size = preferredSize
	defer func() {
		if recover() != nil { // no GLFW (another driver): keep the preferred size
			size = preferredSize
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return size
	}
	mode := m.GetVideoMode()
	if mode == nil || mode.Width <= 0 || mode.Height <= 0 {
		return size
	}
	scale := 1.0
	if mm, _ := m.GetPhysicalSize(); mm > 0 {
		// As Fyne detects it: the screen's DPI against 96, never below 1.
		scale = math.Max(1, math.Round(float64(mode.Width)/(float64(mm)/25.4)/96*10)/10)
	}
	return FitScreen(float32(float64(mode.Width)/scale), float32(float64(mode.Height)/scale))
}

// FitScreen is the preferred size made to fit a screen of w×h units.
func FitScreen(w, h float32) fyne.Size {
	return fyne.NewSize(min(preferredSize.Width, w-24), min(preferredSize.Height, h-64))
}
