package ocr

import (
	"image"
	"math/rand/v2"
	"slices"
	"testing"
)

// median3 must give each inner pixel the true median of its 3×3
// neighbourhood and leave the border as it was.
func TestMedian3(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []image.Point{{3, 3}, {7, 5}, {64, 48}, {2, 9}, {1, 1}} {
		src := image.NewGray(image.Rect(0, 0, size.X, size.Y))
		for i := range src.Pix {
			src.Pix[i] = uint8(r.IntN(4) * 85) // few levels: many ties, as on a scanned page
		}
		got := median3(src)
		for y := 0; y < size.Y; y++ {
			for x := 0; x < size.X; x++ {
				want := src.GrayAt(x, y).Y
				if x > 0 && y > 0 && x < size.X-1 && y < size.Y-1 {
					var n []uint8
					for dy := -1; dy <= 1; dy++ {
						for dx := -1; dx <= 1; dx++ {
							n = append(n, src.GrayAt(x+dx, y+dy).Y)
						}
					}
					slices.Sort(n)
					want = n[4]
				}
				if g := got.GrayAt(x, y).Y; g != want {
					t.Fatalf("%v image: pixel (%d,%d) = %d; want %d", size, x, y, g, want)
				}
			}
		}
	}
}
