package ocr

import (
	"image"
	"math"
	"testing"

	"loanbatch/textlayout"
)

func TestUnreadInk(t *testing.T) {
	page := leaderPage(func(g *image.Gray) {
		fillRect(g, image.Rect(100, 100, 300, 130), 0) // a line of print
		fillRect(g, image.Rect(100, 200, 300, 230), 0) // another
	})
	first := textlayout.Word{Text: "first", X0: 100, Y0: 100, X1: 300, Y1: 130}
	second := textlayout.Word{Text: "second", X0: 100, Y0: 200, X1: 300, Y1: 230}
	for _, c := range []struct {
		name  string
		words []textlayout.Word
		want  float64
	}{
		{"all read", []textlayout.Word{first, second}, 0},
		{"half read", []textlayout.Word{second}, 0.5},
		{"nothing read", nil, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := unreadInk(page, c.words); math.Abs(got-c.want) > 0.05 {
				t.Errorf("unreadInk = %.2f, want %.2f", got, c.want)
			}
		})
	}
	if got := unreadInk(leaderPage(func(*image.Gray) {}), nil); got != 0 {
		t.Errorf("a blank page's unread ink is %.2f", got)
	}
}
