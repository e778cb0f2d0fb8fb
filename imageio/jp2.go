package imageio

import (
	"encoding/binary"
	"errors"
)

// The first bytes of a JPEG 2000 file: a JP2 container's signature box, or
// a bare codestream's start-of-codestream and SIZ markers.
const (
	JP2Signature = "\x00\x00\x00\x0cjP  \r\n\x87\n"
	J2KSignature = "\xff\x4f\xff\x51"
)

// JP2Size reads a JPEG 2000 image's size from the SIZ marker of the
// codestream OpenJPEG decodes (a JP2's first jp2c box, never a header box
// that could say something else), without decoding anything. samples is
// width × height × components, what the decoder holds in memory.
func JP2Size(data []byte) (w, h int, samples int64, err error) {
	cs := data
	if len(data) >= len(JP2Signature) && string(data[:len(JP2Signature)]) == JP2Signature {
		if cs, err = jp2Codestream(data); err != nil {
			return 0, 0, 0, err
		}
	}
	if len(cs) < 42 || string(cs[:4]) != J2KSignature {
		return 0, 0, 0, errors.New("its image header is missing")
	}
	be := binary.BigEndian
	xsiz, ysiz, xo, yo := be.Uint32(cs[8:]), be.Uint32(cs[12:]), be.Uint32(cs[16:]), be.Uint32(cs[20:])
	comps := int64(be.Uint16(cs[40:]))
	if xo >= xsiz || yo >= ysiz || comps == 0 {
		return 0, 0, 0, errors.New("its image header declares no pixels")
	}
	w, h = int(min(xsiz-xo, 1<<31-1)), int(min(ysiz-yo, 1<<31-1))
	return w, h, int64(w) * int64(h) * comps, nil
}

// jp2Codestream returns the contents of a JP2 file's first jp2c box.
func jp2Codestream(data []byte) ([]byte, error) {
	for off := uint64(0); off+8 <= uint64(len(data)); {
		size, head := uint64(binary.BigEndian.Uint32(data[off:])), uint64(8)
		switch size {
		case 0: // the last box, to the end of the file
			size = uint64(len(data)) - off
		case 1:
			if off+16 > uint64(len(data)) {
				return nil, errors.New("a box header is truncated")
			}
			size, head = binary.BigEndian.Uint64(data[off+8:]), 16
		}
		if size < head || size > uint64(len(data))-off {
			return nil, errors.New("a box runs past the end of the file")
		}
		if string(data[off+4:off+8]) == "jp2c" {
			return data[off+head : off+size], nil
		}
		off += size
	}
	return nil, errors.New("it holds no image data")
}
