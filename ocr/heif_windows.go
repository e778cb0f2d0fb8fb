//go:build windows

package ocr

import (
	"errors"
	"image"
)

// The Windows build has no libheif yet (cross-building it with its HEVC
// and AV1 decoders is a project of its own): HEIC and AVIF photos are
// refused at validation with a message that says what to do.

// HEIFSupported tells whether HEIC and AVIF photos can be read.
const HEIFSupported = false

var errNoHEIF = errors.New("HEIC and AVIF photos are not supported on Windows yet")

// HEIFFile stands for libheif's reader, which this build lacks.
type HEIFFile struct{}

// OpenHEIF fails: there is no libheif.
func OpenHEIF([]byte, int) (*HEIFFile, error) { return nil, errNoHEIF }

// Size is never called: OpenHEIF gives no file.
func (*HEIFFile) Size() (w, h int) { return 0, 0 }

// Close does nothing.
func (*HEIFFile) Close() {}

// HEIFGray fails: there is no libheif.
func HEIFGray([]byte, int) (*image.Gray, error) { return nil, errNoHEIF }
