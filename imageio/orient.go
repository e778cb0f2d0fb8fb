package imageio

import (
	"encoding/binary"
	"image"
)

// WebPOrientation reads the Orientation tag of a WebP's EXIF chunk, a TIFF
// structure that some writers start with JPEG's "Exif\0\0".
func WebPOrientation(data []byte) int {
	for off := 12; off+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[off+4:]))
		if n < 0 || n > len(data)-off-8 {
			return 1
		}
		if string(data[off:off+4]) == "EXIF" {
			exif := data[off+8 : off+8+n]
			if len(exif) >= 6 && string(exif[:6]) == "Exif\x00\x00" {
				exif = exif[6:]
			}
			return tiffOrientation(exif)
		}
		off += 8 + n + n&1 // chunks are padded to an even size
	}
	return 1
}

// EXIFOrientation reads the EXIF Orientation tag (1–8) of a JPEG, as phones
// write it instead of turning the pixels; 1 (upright) when absent.
func EXIFOrientation(data []byte) int {
	i := 2
	for i+4 <= len(data) && data[i] == 0xFF {
		marker := data[i+1]
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if marker == 0xDA || n < 2 { // image data starts: no EXIF before it
			return 1
		}
		seg := data[i+4 : min(i+2+n, len(data))]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if t[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int(bo.Uint32(t[4:]))
	if off < 0 || off+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[off:]))
	for k := 0; k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// orient turns a gray image upright according to an EXIF orientation.
func Orient(src *image.Gray, o int) *image.Gray {
	if o <= 1 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // 5–8 swap the sides
		dw, dh = h, w
	}
	dst := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride:]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			dst.Pix[dy*dst.Stride+dx] = row[x]
		}
	}
	return dst
}
