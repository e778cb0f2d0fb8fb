package imageio

import (
	"bytes"
	"image"
	"testing"
)

func TestOrient(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(src.Pix, []uint8{1, 2, 3, 4, 5, 6}) // 1 2 3 / 4 5 6
	for _, tt := range []struct {
		o    int
		want []uint8
		w    int
	}{
		{1, []uint8{1, 2, 3, 4, 5, 6}, 3},
		{3, []uint8{6, 5, 4, 3, 2, 1}, 3},
		{6, []uint8{4, 1, 5, 2, 6, 3}, 2}, // turned 90° clockwise
		{8, []uint8{3, 6, 2, 5, 1, 4}, 2},
	} {
		got := Orient(src, tt.o)
		if got.Bounds().Dx() != tt.w || !bytes.Equal(got.Pix, tt.want) {
			t.Errorf("orientation %d: %v (%d wide); want %v", tt.o, got.Pix, got.Bounds().Dx(), tt.want)
		}
	}
}
