package store

import (
	"errors"
	"fmt"
	"syscall"

	sqlite3 "modernc.org/sqlite/lib"

	"loanbatch/pipeline"
)

// classify wraps a write's error in the kind a person can act on: a full
// disk (SQLite's SQLITE_FULL, or ENOSPC from the objects folder) or a
// read-only data folder (SQLITE_READONLY, EROFS). Other errors pass as
// they are.
func classify(err error) error {
	if err == nil || errors.Is(err, pipeline.ErrDiskFull) || errors.Is(err, pipeline.ErrReadOnly) {
		return err
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: %w", pipeline.ErrDiskFull, err)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w: %w", pipeline.ErrReadOnly, err)
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("%w: %w", pipeline.ErrDiskFull, err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w: %w", pipeline.ErrReadOnly, err)
	}
	return err
}
