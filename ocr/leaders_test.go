package ocr

import (
	"image"
	"image/color"
	"testing"
)

// leaderPage is a white page as wide as a 200 DPI letter page with the
// marks of draw on it.
func leaderPage(draw func(g *image.Gray)) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 1700, 400))
	for i := range g.Pix {
		g.Pix[i] = 0xff
	}
	draw(g)
	return g
}

func fillRect(g *image.Gray, r image.Rectangle, v uint8) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g.SetGray(x, y, color.Gray{v})
		}
	}
}

// dotRow draws n square dots of side s at pitch p from x on baseline y.
func dotRow(g *image.Gray, x, y, n, s, p int) {
	for i := 0; i < n; i++ {
		fillRect(g, image.Rect(x+i*p, y-s, x+i*p+s, y), 0)
	}
}

func TestRemoveDotLeaders(t *testing.T) {
	for _, c := range []struct {
		name string
		draw func(g *image.Gray)
		want int // dots removed
	}{
		{"leader", func(g *image.Gray) { dotRow(g, 300, 100, 20, 4, 12) }, 20},
		{"leader with a dropped dot", func(g *image.Gray) {
			dotRow(g, 300, 100, 8, 4, 12)
			dotRow(g, 300+9*12, 100, 8, 4, 12)
		}, 16},
		{"ellipsis", func(g *image.Gray) { dotRow(g, 300, 100, 3, 4, 12) }, 0},
		{"leader then colon", func(g *image.Gray) {
			dotRow(g, 300, 100, 10, 4, 12)
			fillRect(g, image.Rect(300+10*12, 96, 304+10*12, 100), 0)
			fillRect(g, image.Rect(300+10*12, 86, 304+10*12, 90), 0)
		}, 10},
		{"pieces of gray letters", func(g *image.Gray) {
			dotRow(g, 300, 100, 12, 4, 12)
			for i := 0; i < 12; i++ {
				fillRect(g, image.Rect(300+i*12, 80, 304+i*12, 95), 150)
			}
		}, 0},
		{"blobs too large for dots", func(g *image.Gray) { dotRow(g, 300, 100, 12, 14, 30) }, 0},
		{"irregular specks", func(g *image.Gray) {
			for i, x := range []int{300, 309, 331, 336, 370, 374, 420} {
				fillRect(g, image.Rect(x, 100-4-i%3*6, x+4, 100-i%3*6), 0)
			}
		}, 0},
		{"touching pieces", func(g *image.Gray) { dotRow(g, 300, 100, 12, 4, 5) }, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := leaderPage(c.draw)
			out, n := removeDotLeaders(g)
			if n != c.want {
				t.Fatalf("removed %d dots, want %d", n, c.want)
			}
			if n == 0 && out != g {
				t.Error("a page without leaders was copied")
			}
			if c.want > 0 && out.GrayAt(301, 98).Y != 0xff {
				t.Error("the first leader dot is still there")
			}
		})
	}
}

func TestRemoveDotLeadersSubImage(t *testing.T) {
	g := leaderPage(func(g *image.Gray) { dotRow(g, 300, 200, 20, 4, 12) })
	sub := g.SubImage(image.Rect(100, 100, 1700, 400)).(*image.Gray)
	out, n := removeDotLeaders(sub)
	if n != 20 {
		t.Fatalf("removed %d dots, want 20", n)
	}
	if out.Bounds() != image.Rect(0, 0, 1600, 300) {
		t.Fatalf("bounds %v", out.Bounds())
	}
	if out.GrayAt(201, 98).Y != 0xff || g.GrayAt(301, 198).Y != 0 {
		t.Error("the dot was not removed from the copy, or the page was changed")
	}
}

func TestEndWithColon(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"NO", "NO:"},
		{"PROP.", "PROP:"},
		{"DATE:", "DATE:"},
	} {
		if got := endWithColon(c.in); got != c.want {
			t.Errorf("endWithColon(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for s, want := range map[string]bool{":": true, ";": true, ".": false, "::": false, "a:": false} {
		if got := loneColon(s); got != want {
			t.Errorf("loneColon(%q) = %v", s, got)
		}
	}
}
