package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"testing"

	"loanbatch/pipeline/pipelinetest"
)

// withOrientation inserts an EXIF APP1 segment with the given orientation
// after a JPEG's SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	var t bytes.Buffer
	t.WriteString("II*\x00")
	binary.Write(&t, binary.LittleEndian, uint32(8))
	binary.Write(&t, binary.LittleEndian, uint16(1))
	binary.Write(&t, binary.LittleEndian, []uint16{0x0112, 3})
	binary.Write(&t, binary.LittleEndian, uint32(1))
	binary.Write(&t, binary.LittleEndian, []uint16{o, 0})
	binary.Write(&t, binary.LittleEndian, uint32(0))
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}

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
		got := orient(src, tt.o)
		if got.Bounds().Dx() != tt.w || !bytes.Equal(got.Pix, tt.want) {
			t.Errorf("orientation %d: %v (%d wide); want %v", tt.o, got.Pix, got.Bounds().Dx(), tt.want)
		}
	}
}

// A phone photo stored sideways with EXIF orientation 6 reads upright.
func TestAnalyzeSidewaysPhoto(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: Tesseract OCR takes seconds (make test runs it)")
	}
	loan := pipelinetest.SampleLoans()[1]
	page := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{})
	sideways := orient(page, 8) // what the camera stored; orientation 6 turns it back
	data := withOrientation(encodeJPEG(t, sideways, 85), 6)
	if o := exifOrientation(data); o != 6 {
		t.Fatalf("exifOrientation = %d", o)
	}
	res, err := newTestAnalyzer(t).Analyze(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fields.LoanID != loan.LoanID || res.Fields.LoanAmountCents != loan.AmountCents {
		t.Errorf("sideways photo read as loan %q amount %d", res.Fields.LoanID, res.Fields.LoanAmountCents)
	}
}
