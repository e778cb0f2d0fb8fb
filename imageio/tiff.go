package imageio

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// TIFFPage is what a TIFF IFD says about one page.
type TIFFPage struct {
	offset        int64 // of the IFD
	Width, Height int   // in pixels
}

var errTIFFLoop = errors.New("its page list loops back on itself")

// TIFFPages walks a TIFF's chain of image file directories (classic or
// BigTIFF) and returns at most max pages. It never follows a loop and never
// reads outside data.
func TIFFPages(data []byte, max int) ([]TIFFPage, error) {
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
	var pages []TIFFPage
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
		p := TIFFPage{offset: off}
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
				p.Width = int(v)
			} else {
				p.Height = int(v)
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
