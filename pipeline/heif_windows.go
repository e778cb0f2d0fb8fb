//go:build windows

package pipeline

import (
	"errors"
	"image"
)

// The Windows build has no libheif yet (cross-building it with its HEVC
// and AV1 decoders is a project of its own): HEIC and AVIF photos are
// refused at validation with a message that says what to do.

// heifUnsupported is the validation error for an HEIC or AVIF file.
func heifUnsupported(f Format) error {
	return validationErr("%s photos are not supported on Windows yet: save or export the photo as JPEG (or PDF) and add that", formatName(f))
}

var errNoHEIF = errors.New("HEIC and AVIF photos are not supported on Windows yet")

type heifFile struct{}

func openHEIF([]byte, int) (*heifFile, error)      { return nil, errNoHEIF }
func (*heifFile) size() (w, h int)                 { return 0, 0 }
func (*heifFile) close()                           {}
func heifGray([]byte, Limits) (*image.Gray, error) { return nil, errNoHEIF }
