package store

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"loanbatch/pipeline"
)

// codedError stands for modernc's *sqlite.Error, which cannot be made
// outside its package: an error with SQLite's result code.
type codedError int

func (c codedError) Error() string { return fmt.Sprintf("sqlite error %d", int(c)) }
func (c codedError) Code() int     { return int(c) }

func TestClassifyWritesErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"SQLITE_FULL", fmt.Errorf("save result: %w", codedError(sqlite3.SQLITE_FULL)), pipeline.ErrDiskFull},
		{"an extended SQLITE_READONLY code", codedError(sqlite3.SQLITE_READONLY | 3<<8), pipeline.ErrReadOnly},
		{"ENOSPC from the objects folder", fmt.Errorf("store object: %w", syscall.ENOSPC), pipeline.ErrDiskFull},
		{"EROFS", fmt.Errorf("store object: %w", syscall.EROFS), pipeline.ErrReadOnly},
		{"SQLITE_BUSY", codedError(sqlite3.SQLITE_BUSY), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := classify(c.err)
			if !errors.Is(got, c.err) {
				t.Errorf("classify(%v) = %v: the cause is lost", c.err, got)
			}
			for _, kind := range []error{pipeline.ErrDiskFull, pipeline.ErrReadOnly} {
				if errors.Is(got, kind) != (kind == c.want) {
					t.Errorf("classify(%v) = %v; errors.Is %v = %t", c.err, got, kind, errors.Is(got, kind))
				}
			}
		})
	}
}
