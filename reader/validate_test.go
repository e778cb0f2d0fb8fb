package reader

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
	"testing"

	"loanbatch/imageio"
	"loanbatch/pipeline"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		want  pipeline.Format
		found string
	}{
		{"pdf", []byte("%PDF-1.7\n..."), pipeline.FormatPDF, ""},
		{"pdf after junk", append(bytes.Repeat([]byte{' '}, 100), "%PDF-1.4"...), pipeline.FormatPDF, ""},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0}, pipeline.FormatJPEG, ""},
		{"png", []byte("\x89PNG\r\n\x1a\n...."), pipeline.FormatPNG, ""},
		{"tiff little endian", []byte("II*\x00\x08\x00\x00\x00"), pipeline.FormatTIFF, ""},
		{"tiff big endian", []byte("MM\x00*\x00\x00\x00\x08"), pipeline.FormatTIFF, ""},
		{"gif", []byte("GIF89a...."), pipeline.FormatGIF, ""},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), pipeline.FormatWebP, ""},
		{"bmp", bmpHeader(10, 10), pipeline.FormatBMP, ""},
		{"text starting BM", []byte("BMW lease, 36 months\n"), "", "Plain text file"},
		{"avif", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), pipeline.FormatAVIF, ""},
		{"heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), pipeline.FormatHEIF, ""},
		{"generic heif holding av1", []byte("\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif"), pipeline.FormatAVIF, ""},
		{"generic heif", []byte("\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic"), pipeline.FormatHEIF, ""},
		{"mp4 video", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"), "", "File of unknown type"},
		{"jp2", []byte("\x00\x00\x00\x0cjP  \r\n\x87\n"), pipeline.FormatJP2, ""},
		{"jpeg 2000 codestream", []byte("\xff\x4f\xff\x51\x00\x2f"), pipeline.FormatJP2, ""},
		{"ole", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...."), "", "Microsoft Office document (.doc, .xls)"},
		{"zip", zipOf(t, "notes.txt", "scan.pdf"), "", "ZIP archive"},
		{"docx", zipOf(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml"), "", "Word document (.docx)"},
		{"xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), "", "Excel spreadsheet (.xlsx)"},
		{"text", []byte("Loan Amount: $250,000\n"), "", "Plain text file"},
		{"email", []byte("Return-Path: <a@b.example>\r\nFrom: Ann <a@b.example>\r\nSubject: docs\r\n\r\nHi"), "", "Email message (.eml)"},
		{"text with one colon line", []byte("Subject: my loan\nplease call me\n"), "", "Plain text file"},
		{"html", []byte("\xef\xbb\xbf\n<!DOCTYPE html><html><body>Loan</body></html>"), "", "Web page (HTML)"},
		{"binary junk", []byte{0x00, 0x01, 0x02, 0x03}, "", "File of unknown type"},
		{"pdf objects without a header", []byte("0000000000000\n1 0 obj\n<</Type /Catalog>>\nendobj"), "", "Damaged PDF (its %PDF header is missing)"},
		{"png without its first byte", []byte("PNG\r\n\x1a\n...."), "", "Damaged PNG image (its signature is broken)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := Sniff(tt.data)
			described := found == "" && tt.found == "" || strings.HasPrefix(found, tt.found+" is not a supported format: ")
			if got != tt.want || !described {
				t.Errorf("sniff = %q, %q; want %q, %q", got, found, tt.want, tt.found)
			}
		})
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		size int64
		msg  string
	}{
		{0, "File is empty"},
		{1, ""},
		{50 << 20, ""},
		{50<<20 + 1, "File size 50.0 MB exceeds maximum allowed size 50 MB"},
		{54_945_000, "File size 52.4 MB exceeds maximum allowed size 50 MB"},
	}
	for _, tt := range tests {
		err := pipeline.CheckSize(tt.size, pipeline.Limits{})
		if got := pipeline.MessageOf(err); got != tt.msg {
			t.Errorf("CheckSize(%d) = %q; want %q", tt.size, got, tt.msg)
		}
		if err != nil && pipeline.KindOf(err) != pipeline.KindValidation {
			t.Errorf("CheckSize(%d) kind = %s", tt.size, pipeline.KindOf(err))
		}
	}
}

// pngHeader is a valid PNG signature and IHDR declaring w × h pixels, with
// no image data: enough for DecodeConfig, a bomb for a decoder.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit gray
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// tiffFile builds a classic little-endian TIFF whose IFDs declare the given
// sizes; next, when not nil, overrides each IFD's next-IFD offset.
func tiffFile(sizes [][2]uint32, next []uint32) []byte {
	var b bytes.Buffer
	b.WriteString("II*\x00")
	_ = binary.Write(&b, binary.LittleEndian, uint32(8))
	for i, s := range sizes {
		start := uint32(b.Len())
		_ = binary.Write(&b, binary.LittleEndian, uint16(2))
		for _, e := range []struct {
			tag uint16
			v   uint32
		}{{256, s[0]}, {257, s[1]}} {
			_ = binary.Write(&b, binary.LittleEndian, e.tag)
			_ = binary.Write(&b, binary.LittleEndian, uint16(4)) // LONG
			_ = binary.Write(&b, binary.LittleEndian, uint32(1))
			_ = binary.Write(&b, binary.LittleEndian, e.v)
		}
		nextOff := start + 2 + 2*12 + 4
		if i == len(sizes)-1 {
			nextOff = 0
		}
		if next != nil {
			nextOff = next[i]
		}
		_ = binary.Write(&b, binary.LittleEndian, nextOff)
	}
	return b.Bytes()
}

func TestValidateImage(t *testing.T) {
	var small bytes.Buffer
	_ = png.Encode(&small, image.NewGray(image.Rect(0, 0, 40, 30)))
	tests := []struct {
		name   string
		format pipeline.Format
		data   []byte
		pages  int
		msg    string // substring of the error message; "" for success
	}{
		{"small png", pipeline.FormatPNG, small.Bytes(), 1, ""},
		{"pixel bomb png", pipeline.FormatPNG, pngHeader(20000, 20000), 0, "megapixels"},
		{"too wide png", pipeline.FormatPNG, pngHeader(40000, 10), 0, "maximum 32767 pixels a side"},
		{"truncated png", pipeline.FormatPNG, []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0, "PNG image is damaged"},
		{"three page tiff", pipeline.FormatTIFF, tiffFile([][2]uint32{{100, 100}, {100, 100}, {100, 100}}, nil), 3, ""},
		{"tiff looping to itself", pipeline.FormatTIFF, tiffFile([][2]uint32{{100, 100}}, []uint32{8}), 0, "loops back"},
		{"tiff pointing outside", pipeline.FormatTIFF, tiffFile([][2]uint32{{100, 100}}, []uint32{1 << 30}), 0, "outside the file"},
		{"tiff bomb page", pipeline.FormatTIFF, tiffFile([][2]uint32{{100, 100}, {30000, 30000}}, nil), 0, "TIFF page 2: Image is 30000 × 30000"},
		{"tiff too many pages", pipeline.FormatTIFF, tiffFile(make51(), nil), 0, "more than 50 pages"},
		{"heic without its boxes", pipeline.FormatHEIF, []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), 0, "HEIC image is damaged or too large"},
		{"small gif", pipeline.FormatGIF, gifHeader(40, 30), 1, ""},
		{"too wide gif", pipeline.FormatGIF, gifHeader(40000, 10), 0, "maximum 32767 pixels a side"},
		{"pixel bomb bmp", pipeline.FormatBMP, bmpHeader(20000, 20000), 0, "megapixels"},
		{"small bmp", pipeline.FormatBMP, bmpHeader(40, 30), 1, ""},
		{"pixel bomb webp", pipeline.FormatWebP, webpHeader(16384, 16384), 0, "megapixels"},
		{"small webp", pipeline.FormatWebP, webpHeader(40, 30), 1, ""},
		{"small jpeg 2000 codestream", pipeline.FormatJP2, j2kHeader(40, 30, 3), 1, ""},
		{"pixel bomb jpeg 2000", pipeline.FormatJP2, j2kHeader(20000, 20000, 1), 0, "megapixels"},
		{"jpeg 2000 of many planes", pipeline.FormatJP2, j2kHeader(6000, 6000, 4), 0, "in 4 colour planes"},
		{"small jp2", pipeline.FormatJP2, jp2File(j2kHeader(40, 30, 1)), 1, ""},
		{"jp2 bomb behind a small decoy", pipeline.FormatJP2, jp2File(j2kHeader(20000, 20000, 1), j2kHeader(40, 30, 1)), 0, "megapixels"},
		{"jp2 without its codestream", pipeline.FormatJP2, []byte(imageio.JP2Signature), 0, "JPEG 2000 image is damaged"},
		{"jp2 box past the end", pipeline.FormatJP2, append([]byte(imageio.JP2Signature), "\x7f\x00\x00\x00jp2c"...), 0, "past the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := validateImage(tt.format, tt.data, pipeline.Limits{})
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("validateImage: %v", err)
				}
				if info.Pages != tt.pages {
					t.Errorf("pages = %d; want %d", info.Pages, tt.pages)
				}
				return
			}
			if err == nil || !strings.Contains(pipeline.MessageOf(err), tt.msg) {
				t.Fatalf("validateImage error = %v; want one containing %q", err, tt.msg)
			}
			var e *pipeline.Error
			if !errors.As(err, &e) || e.Kind != pipeline.KindValidation {
				t.Errorf("kind = %s; want validation_error", pipeline.KindOf(err))
			}
		})
	}
}

func make51() [][2]uint32 {
	out := make([][2]uint32, 51)
	for i := range out {
		out[i] = [2]uint32{10, 10}
	}
	return out
}

// zipOf is a ZIP archive of empty members with the given names.
func zipOf(tb testing.TB, names ...string) []byte {
	tb.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range names {
		if _, err := zw.Create(n); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func gifHeader(w, h uint16) []byte {
	b := []byte("GIF89a")
	b = binary.LittleEndian.AppendUint16(b, w)
	b = binary.LittleEndian.AppendUint16(b, h)
	return append(b, 0, 0, 0, ';')
}

// bmpHeader is a 24-bit BMP's file and info headers, with no pixels.
func bmpHeader(w, h int32) []byte {
	b := []byte("BM")
	b = binary.LittleEndian.AppendUint32(b, 54)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 54)
	b = binary.LittleEndian.AppendUint32(b, 40)
	b = binary.LittleEndian.AppendUint32(b, uint32(w))
	b = binary.LittleEndian.AppendUint32(b, uint32(h))
	b = binary.LittleEndian.AppendUint16(b, 1)
	b = binary.LittleEndian.AppendUint16(b, 24)
	return append(b, make([]byte, 24)...)
}

// webpHeader is a lossless WebP's header, with no pixels.
func webpHeader(w, h uint32) []byte {
	bits := (w - 1) | (h-1)<<14
	chunk := binary.LittleEndian.AppendUint32([]byte{0x2f}, bits)
	b := []byte("RIFF")
	b = binary.LittleEndian.AppendUint32(b, uint32(4+8+len(chunk)))
	b = append(b, "WEBPVP8L"...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(chunk)))
	return append(b, chunk...)
}

// j2kHeader is a JPEG 2000 codestream's SOC and SIZ markers.
func j2kHeader(w, h uint32, comps uint16) []byte {
	b := []byte(imageio.J2KSignature)
	b = binary.BigEndian.AppendUint16(b, 38+3*comps)
	b = binary.BigEndian.AppendUint16(b, 0)
	for _, v := range []uint32{w, h, 0, 0, w, h, 0, 0} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	b = binary.BigEndian.AppendUint16(b, comps)
	for range comps {
		b = append(b, 7, 1, 1)
	}
	return b
}

// jp2File wraps a codestream in a JP2 container; a decoy codestream goes
// in an XML box before it.
func jp2File(codestream []byte, decoy ...[]byte) []byte {
	b := []byte(imageio.JP2Signature)
	box := func(typ string, body []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(8+len(body)))
		b = append(append(b, typ...), body...)
	}
	box("ftyp", []byte("jp2 \x00\x00\x00\x00jp2 "))
	for _, d := range decoy {
		box("xml ", d)
	}
	box("jp2c", codestream)
	return b
}
