package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	_ "image/gif" // register decoders for DecodeConfig and Decode
	_ "image/jpeg"
	_ "image/png"
	"strings"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"

	"loanbatch/imageio"
	"loanbatch/ocr"
	"loanbatch/pipeline"
)

// sniff names what data holds. For a supported format it returns the format
// and ""; otherwise "" and a description of what was found, for the message.
func Sniff(data []byte) (pipeline.Format, string) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return pipeline.FormatPDF, ""
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return pipeline.FormatJPEG, ""
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return pipeline.FormatPNG, ""
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return pipeline.FormatTIFF, ""
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return pipeline.FormatGIF, ""
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return pipeline.FormatWebP, ""
	case isBMP(data):
		return pipeline.FormatBMP, ""
	case bytes.HasPrefix(data, []byte(imageio.JP2Signature)), bytes.HasPrefix(data, []byte(imageio.J2KSignature)):
		return pipeline.FormatJP2, ""
	}
	if f := heifBrand(data); f != "" {
		return f, ""
	}
	return "", describeUnsupported(data)
}

// Hints: what a person can do with a file that is not read.
const (
	hintFormats = "use PDF, JPEG, PNG, TIFF, HEIC, WebP, AVIF, BMP, GIF or JPEG 2000"
	hintOffice  = "save it as PDF (File, Save As, PDF) and add the PDF"
	hintPrint   = "print it to PDF and add the PDF"
	hintEmail   = "save its attachments and add those instead"
	hintZIP     = "unzip it and add its files"
)

// describeUnsupported names a file's type in words a loan officer knows,
// then says what to do with it.
func describeUnsupported(data []byte) string {
	what, hint := identify(data)
	return what + " is not a supported format: " + hint
}

func identify(data []byte) (what, hint string) {
	has := func(off int, sig string) bool {
		return len(data) >= off+len(sig) && string(data[off:off+len(sig)]) == sig
	}
	head := data[:min(len(data), 4096)]
	switch {
	case has(0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "Microsoft Office document (.doc, .xls)", hintOffice
	case has(0, "PK\x03\x04"), has(0, "PK\x05\x06"):
		return identifyZIP(data)
	case has(0, "{\\rtf"):
		return "RTF document", hintOffice
	case has(0, "PNG\r\n"):
		return "Damaged PNG image (its signature is broken)", hintFormats
	case bytes.Contains(head, []byte(" obj")) &&
		(bytes.Contains(data, []byte("endobj")) || bytes.Contains(data, []byte("/Type"))):
		return "Damaged PDF (its %PDF header is missing)", "open it and save it as PDF again, or ask the sender for a new copy"
	case looksLikeHTML(head):
		return "Web page (HTML)", hintPrint
	case looksLikeText(data) && looksLikeEmail(head):
		return "Email message (.eml)", hintEmail
	case looksLikeText(data):
		return "Plain text file", "it holds no scanned or PDF document; if it has loan details, " + hintPrint
	}
	return "File of unknown type", hintFormats
}

// identifyZIP tells Office documents, which are ZIP archives holding a
// known layout, from other archives.
func identifyZIP(data []byte) (what, hint string) {
	what, office := pipeline.ZIPKind(data)
	if office {
		return what, hintOffice
	}
	return what, hintZIP
}

func looksLikeHTML(head []byte) bool {
	t := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	return bytes.HasPrefix(t, []byte("<!doctype html")) || bytes.HasPrefix(t, []byte("<html")) ||
		(bytes.HasPrefix(t, []byte("<")) && bytes.Contains(t, []byte("<body")))
}

// looksLikeEmail reports whether text starts with RFC 822 header lines,
// at least two of the ones every message has.
func looksLikeEmail(head []byte) bool {
	known := 0
	for _, line := range bytes.SplitN(head, []byte("\n"), 40) {
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			break // the end of the headers
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // a folded header
		}
		name, _, ok := bytes.Cut(line, []byte(":"))
		if !ok || bytes.ContainsAny(name, " \t") {
			return false
		}
		switch strings.ToLower(string(name)) {
		case "from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version", "delivered-to":
			known++
		}
	}
	return known >= 2
}

func looksLikeText(data []byte) bool {
	if len(data) > 512 {
		data = data[:512]
	}
	for _, b := range data {
		if b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b) {
			return false
		}
	}
	return len(data) > 0
}

// heifBrand names the HEIF format whose ftyp box starts data: HEIC (or
// another HEIF image) or AVIF, by major brand, or by compatible brand for
// the generic "mif1"; "" for any other file.
func heifBrand(data []byte) pipeline.Format {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return ""
	}
	size := min(int(binary.BigEndian.Uint32(data)), len(data), 256)
	switch string(data[8:12]) {
	case "avif", "avis":
		return pipeline.FormatAVIF
	case "heic", "heix", "hevc", "hevx", "heim", "heis":
		return pipeline.FormatHEIF
	case "mif1", "msf1":
		for off := 16; off+4 <= size; off += 4 {
			if b := string(data[off : off+4]); b == "avif" || b == "avis" {
				return pipeline.FormatAVIF
			}
		}
		return pipeline.FormatHEIF
	}
	return ""
}

// isBMP reports whether data starts with a Windows bitmap's file header
// and one of its info header sizes: "BM" alone starts too many text files.
func isBMP(data []byte) bool {
	if len(data) < 18 || string(data[:2]) != "BM" || binary.LittleEndian.Uint32(data[6:]) != 0 {
		return false
	}
	switch binary.LittleEndian.Uint32(data[14:]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// Info is what validation learned about a document.
type Info struct {
	Format pipeline.Format
	Pages  int
}

// validateImage checks an image header's page count and
// dimensions without decoding any pixels.
func validateImage(f pipeline.Format, data []byte, l pipeline.Limits) (Info, error) {
	l = l.WithDefaults()
	if f == pipeline.FormatTIFF {
		pages, err := imageio.TIFFPages(data, l.MaxPages+1)
		if err != nil {
			return Info{}, pipeline.ValidationError("TIFF image is damaged and cannot be read: %v", err)
		}
		if len(pages) > l.MaxPages {
			return Info{}, pipeline.ValidationError("TIFF image has more than %d pages (maximum allowed %d)", l.MaxPages, l.MaxPages)
		}
		for i, p := range pages {
			if err := checkDimensions(p.Width, p.Height, l); err != nil {
				return Info{}, pipeline.ValidationError("TIFF page %d: %s", i+1, pipeline.MessageOf(err))
			}
		}
		return Info{Format: f, Pages: len(pages)}, nil
	}
	if f == pipeline.FormatJP2 {
		w, h, samples, err := imageio.JP2Size(data)
		if err != nil {
			return Info{}, pipeline.ValidationError("JPEG 2000 image is damaged and cannot be read: %v", err)
		}
		if err := checkDimensions(w, h, l); err != nil {
			return Info{}, err
		}
		// OpenJPEG holds every sample of every component as 32 bits.
		if samples > l.MaxPixels {
			return Info{}, pipeline.ValidationError("JPEG 2000 image is %d × %d pixels in %d colour planes, more than the maximum %.0f megapixels",
				w, h, samples/(int64(w)*int64(h)), float64(l.MaxPixels)/1e6)
		}
		return Info{Format: f, Pages: 1}, nil
	}
	if f == pipeline.FormatHEIF || f == pipeline.FormatAVIF {
		if !ocr.HEIFSupported {
			return Info{}, pipeline.ValidationError("%s photos are not supported on Windows yet: save or export the photo as JPEG (or PDF) and add that", formatName(f))
		}
		hf, err := ocr.OpenHEIF(data, l.MaxSide)
		if err != nil {
			return Info{}, pipeline.ValidationError("%s image is damaged or too large and cannot be read: %v", formatName(f), err)
		}
		w, h := hf.Size()
		hf.Close()
		if err := checkDimensions(w, h, l); err != nil {
			return Info{}, err
		}
		return Info{Format: f, Pages: 1}, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil && f == pipeline.FormatJPEG && strings.Contains(err.Error(), "unsupported JPEG feature") {
		// Arithmetic coding, 12-bit samples: Go's decoder refuses them, the
		// Leptonica fallback may not; the frame header still gives the size.
		cfg.Width, cfg.Height, err = jpegSize(data)
	}
	if err != nil {
		return Info{}, pipeline.ValidationError("%s image is damaged and cannot be read: %v", formatName(f), err)
	}
	if err := checkDimensions(cfg.Width, cfg.Height, l); err != nil {
		return Info{}, err
	}
	return Info{Format: f, Pages: 1}, nil
}

// jpegSize reads a JPEG's dimensions from its start-of-frame header.
func jpegSize(data []byte) (w, h int, err error) {
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return 0, 0, errors.New("no frame header")
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		isSOF := marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
		if isSOF {
			if i+9 > len(data) {
				break
			}
			return int(binary.BigEndian.Uint16(data[i+7:])), int(binary.BigEndian.Uint16(data[i+5:])), nil
		}
		if n < 2 {
			break
		}
		i += 2 + n
	}
	return 0, 0, errors.New("no frame header")
}

func checkDimensions(w, h int, l pipeline.Limits) error {
	switch {
	case w <= 0 || h <= 0:
		return pipeline.ValidationError("Image declares no size (%d × %d pixels)", w, h)
	case w > l.MaxSide || h > l.MaxSide:
		return pipeline.ValidationError("Image is %d × %d pixels, larger than the maximum %d pixels a side", w, h, l.MaxSide)
	case int64(w)*int64(h) > l.MaxPixels:
		return pipeline.ValidationError("Image is %d × %d pixels (%.0f megapixels), more than the maximum %.0f megapixels",
			w, h, float64(w)*float64(h)/1e6, float64(l.MaxPixels)/1e6)
	}
	return nil
}

func formatName(f pipeline.Format) string {
	switch f {
	case pipeline.FormatPDF:
		return "PDF"
	case pipeline.FormatJPEG:
		return "JPEG"
	case pipeline.FormatPNG:
		return "PNG"
	case pipeline.FormatTIFF:
		return "TIFF"
	case pipeline.FormatWebP:
		return "WebP"
	case pipeline.FormatBMP:
		return "BMP"
	case pipeline.FormatGIF:
		return "GIF"
	case pipeline.FormatJP2:
		return "JPEG 2000"
	case pipeline.FormatHEIF:
		return "HEIC"
	case pipeline.FormatAVIF:
		return "AVIF"
	}
	return string(f)
}

// DetectFormat names a supported format from a file's first bytes (at
// least the first kilobyte), or returns false.
func DetectFormat(head []byte) (pipeline.Format, bool) {
	f, _ := Sniff(head)
	return f, f != ""
}
