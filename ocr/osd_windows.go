//go:build windows

package ocr

import "image"

// The Windows build's Tesseract leaves out the legacy engine, which
// orientation detection needs: a page turned sideways or upside down is
// read as it lies (the other readings of a page are still tried).

type osdEngine struct{}

func newOSDEngine() *osdEngine { return nil }

func (o *osdEngine) Close() {}

// orientation is unknown (-1) without the legacy engine.
func (o *osdEngine) orientation(*image.Gray) (int, float64) { return -1, 0 }
