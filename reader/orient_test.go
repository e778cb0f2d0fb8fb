package reader

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"

	"loanbatch/imageio"
	"loanbatch/pipeline"
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

// A phone photo stored sideways with EXIF orientation 6 reads upright.
func TestAnalyzeSidewaysPhoto(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: Tesseract OCR takes seconds (make test runs it)")
	}
	loan := pipelinetest.SampleLoans()[1]
	page := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{})
	sideways := imageio.Orient(page, 8) // what the camera stored; orientation 6 turns it back
	data := withOrientation(pipelinetest.EncodeJPEG(t, sideways, 85), 6)
	if o := imageio.EXIFOrientation(data); o != 6 {
		t.Fatalf("EXIFOrientation = %d", o)
	}
	res, err := newTestAnalyzer(t).Analyze(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fields.LoanID != loan.LoanID || res.Fields.LoanAmountCents != loan.AmountCents {
		t.Errorf("sideways photo read as loan %q amount %d", res.Fields.LoanID, res.Fields.LoanAmountCents)
	}
}

// webpWithOrientation turns a simple lossless WebP into an extended one
// (VP8X) carrying an EXIF chunk with the given orientation after the image,
// where libwebp's tools put it.
func webpWithOrientation(tb testing.TB, webp []byte, o uint16) []byte {
	tb.Helper()
	if len(webp) < 25 || string(webp[12:16]) != "VP8L" {
		tb.Fatalf("not a simple lossless WebP")
	}
	bits := binary.LittleEndian.Uint32(webp[21:])
	w, h := bits&0x3fff, bits>>14&0x3fff // each minus one
	vp8x := []byte{0x08, 0, 0, 0, byte(w), byte(w >> 8), byte(w >> 16), byte(h), byte(h >> 8), byte(h >> 16)}
	exif := withOrientation([]byte{0xFF, 0xD8}, o)[4+2:] // the APP1 body: "Exif\0\0" and the TIFF structure
	var body bytes.Buffer
	body.WriteString("WEBP")
	chunk := func(name string, data []byte) {
		body.WriteString(name)
		binary.Write(&body, binary.LittleEndian, uint32(len(data)))
		body.Write(data)
		if len(data)%2 == 1 {
			body.WriteByte(0)
		}
	}
	chunk("VP8X", vp8x)
	body.Write(webp[12:]) // the VP8L chunk as it was
	chunk("EXIF", exif)
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(body.Len()))
	return append(out, body.Bytes()...)
}

// A WebP saved sideways with EXIF orientation 6 reads upright.
func TestAnalyzeSidewaysWebP(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: Tesseract OCR takes seconds (make test runs it)")
	}
	loan := pipelinetest.SampleLoans()[2]
	page := pipelinetest.Scan(loan.EstimateLines(), pipelinetest.ScanOptions{})
	webp, err := pipelinetest.EncodeWebP(imageio.Orient(page, 8))
	if err != nil {
		t.Fatal(err)
	}
	data := webpWithOrientation(t, webp, 6)
	if o := imageio.WebPOrientation(data); o != 6 {
		t.Fatalf("WebPOrientation = %d", o)
	}
	res, err := newTestAnalyzer(t).Analyze(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != pipeline.FormatWebP || res.Fields.LoanID != loan.LoanID || res.Fields.LoanAmountCents != loan.AmountCents {
		t.Errorf("sideways %s read as loan %q amount %d", res.Format, res.Fields.LoanID, res.Fields.LoanAmountCents)
	}
}
