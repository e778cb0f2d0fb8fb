package pipeline

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The sorting network must give the true median for any nine values.
func TestMedian9(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		var p [9]uint8
		for k := range p {
			p[k] = uint8(r.IntN(4) * 85) // few levels: many ties, as on a scanned page
		}
		sorted := slices.Clone(p[:])
		slices.Sort(sorted)
		q := p
		if got := median9(&q); got != sorted[4] {
			t.Fatalf("median9(%v) = %d; want %d", p, got, sorted[4])
		}
	}
}
