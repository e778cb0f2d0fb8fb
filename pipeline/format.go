package pipeline

import "fmt"

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

// WithDefaults is l with each zero field set to its DefaultLimits value.
func (l Limits) WithDefaults() Limits {
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

// CheckSize rejects empty and oversized files before anything reads them.
func CheckSize(size int64, l Limits) error {
	l = l.WithDefaults()
	switch {
	case size == 0:
		return ValidationError("File is empty")
	case size > l.MaxBytes:
		return ValidationError("File size %s exceeds maximum allowed size %s", Megabytes(size), Megabytes(l.MaxBytes))
	}
	return nil
}

// Megabytes writes a size for a person: "50 MB", "1.5 MB", "2 GB".
func Megabytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GB", n>>30)
	}
	mb := float64(n) / (1 << 20)
	if mb == float64(int64(mb)) {
		return fmt.Sprintf("%d MB", int64(mb))
	}
	return fmt.Sprintf("%.1f MB", mb)
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
