package pipeline

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // register decoders for DecodeConfig and Decode
	_ "image/jpeg"
	_ "image/png"
	"strings"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// Format is a supported document format, identified by content.
type Format string

// Supported formats.
const (
	FormatPDF  Format = "pdf"
	FormatJPEG Format = "jpeg"
	FormatPNG  Format = "png"
	FormatTIFF Format = "tiff"
	FormatWebP Format = "webp"
	FormatBMP  Format = "bmp"
	FormatGIF  Format = "gif"  // its first frame
	FormatJP2  Format = "jp2"  // JPEG 2000, as a JP2 file or a bare codestream
	FormatHEIF Format = "heic" // HEIC/HEIF, what iPhones save
	FormatAVIF Format = "avif"
)

// Limits bound what validation accepts. The zero value of a field means its
// default (DefaultLimits).
type Limits struct {
	MaxBytes  int64 // file size
	MaxPages  int   // pages of a PDF or TIFF
	MaxPixels int64 // width × height of any image page
	MaxSide   int   // width or height of any image page
}

// DefaultLimits are the limits of the contract: 50 MB, 50 pages, about
// 100 megapixels and 32,767 pixels a side.
var DefaultLimits = Limits{MaxBytes: 50 << 20, MaxPages: 50, MaxPixels: 100_000_000, MaxSide: 32767}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultLimits.MaxPages
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultLimits.MaxPixels
	}
	if l.MaxSide <= 0 {
		l.MaxSide = DefaultLimits.MaxSide
	}
	return l
}

// sniff names what data holds. For a supported format it returns the format
// and ""; otherwise "" and a description of what was found, for the message.
func sniff(data []byte) (Format, string) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return FormatPDF, ""
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return FormatJPEG, ""
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return FormatPNG, ""
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return FormatTIFF, ""
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return FormatGIF, ""
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return FormatWebP, ""
	case isBMP(data):
		return FormatBMP, ""
	case bytes.HasPrefix(data, []byte(jp2Signature)), bytes.HasPrefix(data, []byte(j2kSignature)):
		return FormatJP2, ""
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
// [Content_Types].xml, from other archives by their members' names, which
// the local headers carry in the clear.
func identifyZIP(data []byte) (what, hint string) {
	head := data[:min(len(data), 64<<10)]
	if bytes.Contains(head, []byte("[Content_Types].xml")) {
		switch {
		case bytes.Contains(head, []byte("word/")):
			return "Word document (.docx)", hintOffice
		case bytes.Contains(head, []byte("xl/")):
			return "Excel spreadsheet (.xlsx)", hintOffice
		case bytes.Contains(head, []byte("ppt/")):
			return "PowerPoint presentation (.pptx)", hintOffice
		}
		return "Microsoft Office document", hintOffice
	}
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")) {
		return "OpenDocument file (.odt, .ods)", hintOffice
	}
	return "ZIP archive", hintZIP
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
func heifBrand(data []byte) Format {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return ""
	}
	size := min(int(binary.BigEndian.Uint32(data)), len(data), 256)
	switch string(data[8:12]) {
	case "avif", "avis":
		return FormatAVIF
	case "heic", "heix", "hevc", "hevx", "heim", "heis":
		return FormatHEIF
	case "mif1", "msf1":
		for off := 16; off+4 <= size; off += 4 {
			if b := string(data[off : off+4]); b == "avif" || b == "avis" {
				return FormatAVIF
			}
		}
		return FormatHEIF
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

// checkSize rejects empty and oversized files before anything reads them.
func checkSize(size int64, l Limits) error {
	l = l.withDefaults()
	switch {
	case size == 0:
		return validationErr("File is empty")
	case size > l.MaxBytes:
		return validationErr("File size %s exceeds maximum allowed size %s", megabytes(size), megabytes(l.MaxBytes))
	}
	return nil
}

func megabytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	mb := float64(n) / (1 << 20)
	if mb == float64(int64(mb)) {
		return fmt.Sprintf("%d MB", int64(mb))
	}
	return fmt.Sprintf("%.1f MB", mb)
}

// Info is what validation learned about a document.
type Info struct {
	Format Format
	Pages  int
}

// validateImage checks an image header's page count and
// dimensions without decoding any pixels.
func validateImage(f Format, data []byte, l Limits) (Info, error) {
	l = l.withDefaults()
	if f == FormatTIFF {
		pages, err := tiffPages(data, l.MaxPages+1)
		if err != nil {
			return Info{}, validationErr("TIFF image is damaged and cannot be read: %v", err)
		}
		if len(pages) > l.MaxPages {
			return Info{}, validationErr("TIFF image has more than %d pages (maximum allowed %d)", l.MaxPages, l.MaxPages)
		}
		for i, p := range pages {
			if err := checkDimensions(p.width, p.height, l); err != nil {
				return Info{}, validationErr("TIFF page %d: %s", i+1, MessageOf(err))
			}
		}
		return Info{Format: f, Pages: len(pages)}, nil
	}
	if f == FormatJP2 {
		w, h, samples, err := jp2Size(data)
		if err != nil {
			return Info{}, validationErr("JPEG 2000 image is damaged and cannot be read: %v", err)
		}
		if err := checkDimensions(w, h, l); err != nil {
			return Info{}, err
		}
		// OpenJPEG holds every sample of every component as 32 bits.
		if samples > l.MaxPixels {
			return Info{}, validationErr("JPEG 2000 image is %d × %d pixels in %d colour planes, more than the maximum %.0f megapixels",
				w, h, samples/(int64(w)*int64(h)), float64(l.MaxPixels)/1e6)
		}
		return Info{Format: f, Pages: 1}, nil
	}
	if f == FormatHEIF || f == FormatAVIF {
		if err := heifUnsupported(f); err != nil {
			return Info{}, err
		}
		hf, err := openHEIF(data, l.MaxSide)
		if err != nil {
			return Info{}, validationErr("%s image is damaged or too large and cannot be read: %v", formatName(f), err)
		}
		w, h := hf.size()
		hf.close()
		if err := checkDimensions(w, h, l); err != nil {
			return Info{}, err
		}
		return Info{Format: f, Pages: 1}, nil
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil && f == FormatJPEG && strings.Contains(err.Error(), "unsupported JPEG feature") {
		// Arithmetic coding, 12-bit samples: Go's decoder refuses them, the
		// Leptonica fallback may not; the frame header still gives the size.
		cfg.Width, cfg.Height, err = jpegSize(data)
	}
	if err != nil {
		return Info{}, validationErr("%s image is damaged and cannot be read: %v", formatName(f), err)
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

func checkDimensions(w, h int, l Limits) error {
	switch {
	case w <= 0 || h <= 0:
		return validationErr("Image declares no size (%d × %d pixels)", w, h)
	case w > l.MaxSide || h > l.MaxSide:
		return validationErr("Image is %d × %d pixels, larger than the maximum %d pixels a side", w, h, l.MaxSide)
	case int64(w)*int64(h) > l.MaxPixels:
		return validationErr("Image is %d × %d pixels (%.0f megapixels), more than the maximum %.0f megapixels",
			w, h, float64(w)*float64(h)/1e6, float64(l.MaxPixels)/1e6)
	}
	return nil
}

func formatName(f Format) string {
	switch f {
	case FormatPDF:
		return "PDF"
	case FormatJPEG:
		return "JPEG"
	case FormatPNG:
		return "PNG"
	case FormatTIFF:
		return "TIFF"
	case FormatWebP:
		return "WebP"
	case FormatBMP:
		return "BMP"
	case FormatGIF:
		return "GIF"
	case FormatJP2:
		return "JPEG 2000"
	case FormatHEIF:
		return "HEIC"
	case FormatAVIF:
		return "AVIF"
	}
	return string(f)
}

// tiffPage is what a TIFF IFD says about one page.
type tiffPage struct {
	offset        int64 // of the IFD
	width, height int
}

var errTIFFLoop = errors.New("its page list loops back on itself")

// tiffPages walks a TIFF's chain of image file directories (classic or
// BigTIFF) and returns at most max pages. It never follows a loop and never
// reads outside data.
func tiffPages(data []byte, max int) ([]tiffPage, error) {
	if len(data) < 8 {
		return nil, errors.New("header is truncated")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	big := bo.Uint16(data[2:4]) == 43
	u16 := func(off int64) (uint64, bool) {
		if off < 0 || off+2 > int64(len(data)) {
			return 0, false
		}
		return uint64(bo.Uint16(data[off:])), true
	}
	u32 := func(off int64) (uint64, bool) {
		if off < 0 || off+4 > int64(len(data)) {
			return 0, false
		}
		return uint64(bo.Uint32(data[off:])), true
	}
	u64 := func(off int64) (uint64, bool) {
		if off < 0 || off+8 > int64(len(data)) {
			return 0, false
		}
		return bo.Uint64(data[off:]), true
	}
	var next uint64
	var ok bool
	if big {
		next, ok = u64(8)
	} else {
		next, ok = u32(4)
	}
	if !ok {
		return nil, errors.New("header is truncated")
	}
	seen := map[uint64]bool{}
	var pages []tiffPage
	for next != 0 && len(pages) < max {
		if seen[next] {
			return nil, errTIFFLoop
		}
		seen[next] = true
		off := int64(next)
		if next > uint64(len(data)) {
			return nil, fmt.Errorf("page %d points outside the file", len(pages)+1)
		}
		var count uint64
		entrySize, countSize, valueOff := int64(12), int64(2), int64(8)
		if big {
			entrySize, countSize, valueOff = 20, 8, 12
			count, ok = u64(off)
		} else {
			count, ok = u16(off)
		}
		if !ok || count > 4096 {
			return nil, fmt.Errorf("page %d directory is damaged", len(pages)+1)
		}
		p := tiffPage{offset: off}
		for i := int64(0); i < int64(count); i++ {
			e := off + countSize + i*entrySize
			tag, ok1 := u16(e)
			typ, ok2 := u16(e + 2)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("page %d directory is truncated", len(pages)+1)
			}
			if tag != 256 && tag != 257 {
				continue
			}
			var v uint64
			if typ == 3 { // SHORT
				v, _ = u16(e + valueOff)
			} else if typ == 16 { // LONG8
				v, _ = u64(e + valueOff)
			} else {
				v, _ = u32(e + valueOff)
			}
			if v > 1<<31 {
				v = 1 << 31
			}
			if tag == 256 {
				p.width = int(v)
			} else {
				p.height = int(v)
			}
		}
		end := off + countSize + int64(count)*entrySize
		if big {
			next, ok = u64(end)
		} else {
			next, ok = u32(end)
		}
		if !ok {
			next = 0 // a missing next pointer ends the chain
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		return nil, errors.New("it has no pages")
	}
	return pages, nil
}

// DetectFormat names a supported format from a file's first bytes (at
// least the first kilobyte), or returns false.
func DetectFormat(head []byte) (Format, bool) {
	f, _ := sniff(head)
	return f, f != ""
}

// Extension is the usual file name extension of a format, with its dot.
func (f Format) Extension() string {
	switch f {
	case FormatJPEG:
		return ".jpg"
	case FormatTIFF:
		return ".tif"
	case "":
		return ""
	}
	return "." + string(f)
}
