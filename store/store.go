// Package store keeps Loan Batch's jobs and results in a SQLite file and
// each document's bytes in a content-addressed objects folder. It
// implements pipeline.Store; it returns errors and never logs.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver

	"loanbatch/pipeline"
)

var _ pipeline.Store = (*DB)(nil)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrCorrupt means the database file exists but is not a usable database.
var ErrCorrupt = errors.New("store: database is damaged")

// DB is a data folder: DIR/loanbatch.db and DIR/objects/.
type DB struct {
	dir string
	db  *sql.DB
	// Now returns the current time; replaceable in tests.
	Now func() time.Time
}

// Open opens (creating when needed) the data folder at dir and brings its
// database schema up to date.
func Open(ctx context.Context, dir string) (*DB, error) {
	if err := os.MkdirAll(filepath.Join(dir, "objects"), 0o755); err != nil {
		return nil, fmt.Errorf("open data folder: %w", err)
	}
	if err := checkWritable(dir); err != nil {
		return nil, fmt.Errorf("open data folder: %w", err)
	}
	path := filepath.Join(dir, "loanbatch.db")
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	s := &DB{dir: dir, db: db, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		if isCorrupt(err) {
			return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
		}
		return nil, fmt.Errorf("open database: %w", err)
	}
	s.removeLeftovers()
	return s, nil
}

func isCorrupt(err error) bool {
	s := err.Error()
	return strings.Contains(s, "file is not a database") || strings.Contains(s, "malformed") ||
		strings.Contains(s, "SQLITE_NOTADB") || strings.Contains(s, "SQLITE_CORRUPT")
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Dir is the data folder.
func (s *DB) Dir() string { return s.dir }

// migrate applies the embedded migrations not yet applied, each in its own
// transaction, in the order of their numbers.
func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad name", name)
		}
		if err := s.applyMigration(ctx, version, name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func (s *DB) applyMigration(ctx context.Context, version int, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, version, s.Now().UTC()); err != nil {
		return err
	}
	return tx.Commit()
}

// DefaultDir is the data folder used when none is given: $LOANBATCH_DATA,
// else $XDG_DATA_HOME/loanbatch, else ~/.local/share/loanbatch.
func DefaultDir() string {
	if d := os.Getenv("LOANBATCH_DATA"); d != "" {
		return d
	}
	if d := platformDataDir(); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "loanbatch")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "loanbatch-data"
	}
	return filepath.Join(home, ".local", "share", "loanbatch")
}
