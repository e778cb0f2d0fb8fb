package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// A ZIP archive is opened, never extracted: each member that is a file
// becomes a document of its own, named "archive.zip/folder/member.pdf"
// (display text, never a path), whose bytes are streamed into the objects
// folder like any other document's. An archive is untrusted: the limits
// below fail the whole archive, with one row saying why, and the job goes
// on.
const (
	// maxArchiveMembers bounds the files an archive may hold.
	maxArchiveMembers = 1000
	// maxArchiveRatio is the compression ratio no document reaches (deflate
	// tops out near 1032 to 1, on nothing but repeated bytes).
	maxArchiveRatio = 1000
	// maxArchiveDirectory bounds the bytes of an archive's central
	// directory read into memory, whatever count it claims.
	maxArchiveDirectory = 8 << 20
	// archiveHead is how much of a file tells a ZIP archive from an Office
	// document (see ZIPKind).
	archiveHead = 64 << 10
)

// archiveBudget is what an archive and the archives inside it may unpack
// to in all: five documents of the largest size allowed.
func archiveBudget(l Limits) int64 { return 5 * l.WithDefaults().MaxBytes }

// isArchive reports whether head, a file's first bytes, is a ZIP archive
// to open (not an Office document, which is a ZIP too).
func isArchive(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("PK\x03\x04")) && !bytes.HasPrefix(head, []byte("PK\x05\x06")) {
		return false
	}
	_, office := ZIPKind(head)
	return !office
}

// ErrZIPBomb is the cause of an archive's failure when it would unpack to
// more than the limits allow; it fails the archive a person gave, even
// when it is an archive inside it.
var ErrZIPBomb = errors.New("pipeline: ZIP bomb")

// bombErr is the validation error of an archive that is, or holds, a ZIP
// bomb.
func bombErr(format string, args ...any) error {
	return &Error{
		Kind: KindValidation, Stage: StageValidate, Err: ErrZIPBomb,
		Message: fmt.Sprintf("ZIP archive "+format+" (it may be a ZIP bomb): unzip it and add the documents you need", args...),
	}
}

// unpacking is the state of registering one archive given by a person,
// with the archives inside it.
type unpacking struct {
	r       *Runner
	ctx     context.Context
	budget  int64 // bytes members may still unpack to
	skipped int   // system files left out
}

// registerArchive registers each document of the archive in ra (size
// bytes) named name, in archive order; depth is 0 for an archive a person
// gave, 1 for one inside it. The error, a validation error, fails the
// archive as a whole: it is damaged, empty or a ZIP bomb (ErrZIPBomb).
func (u *unpacking) registerArchive(name string, ra io.ReaderAt, size int64, depth int) ([]pending, error) {
	limits := u.r.opts.Limits.WithDefaults()
	if size > u.budget {
		return nil, bombErr("is %s, more than the %s allowed", Megabytes(size), Megabytes(archiveBudget(limits)))
	}
	dir := &directoryBudget{r: ra, left: maxArchiveDirectory}
	zr, err := zip.NewReader(dir, size)
	if err != nil {
		if errors.Is(err, errDirectoryTooLarge) {
			return nil, bombErr("lists too many files")
		}
		return nil, ValidationError("ZIP archive is damaged and cannot be opened (%v): ask the sender for a new copy", err)
	}
	dir.left = 1 << 62 // the members are read through it too
	var files []*zip.File
	var declared uint64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if isSystemPath(f.Name) {
			u.skipped++
			continue
		}
		files = append(files, f)
		declared += f.UncompressedSize64
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxArchiveRatio {
			return nil, bombErr("compresses %s more than %d to 1, which no document does", memberName(f.Name), maxArchiveRatio)
		}
	}
	switch {
	case len(files) > maxArchiveMembers:
		return nil, bombErr("holds %d files, more than the %d allowed", len(files), maxArchiveMembers)
	case declared > uint64(u.budget):
		return nil, bombErr("would unpack to %s, more than the %s allowed", Megabytes(int64(min(declared, 1<<62))), Megabytes(archiveBudget(limits)))
	case len(files) == 0:
		return nil, ValidationError("ZIP archive holds no documents")
	}

	var out []pending
	for _, f := range files {
		docs, err := u.registerMember(name+"/"+memberName(f.Name), f, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, docs...)
	}
	return out, nil
}

// registerMember stores one member's bytes and registers it, or the
// documents of the archive it is. An error (a ZIP bomb, a cancelled
// context) fails the whole archive.
func (u *unpacking) registerMember(name string, f *zip.File, depth int) ([]pending, error) {
	limits := u.r.opts.Limits.WithDefaults()
	p := pending{rec: DocRecord{DocumentID: uuid.NewString(), FileName: name, SizeBytes: int64(min(f.UncompressedSize64, 1<<62))}}
	if err := CheckSize(p.rec.SizeBytes, limits); err != nil {
		p.preErr = err
		return []pending{p}, nil
	}
	rc, err := f.Open()
	if err != nil {
		p.preErr = ValidationError("This file of the ZIP archive cannot be unpacked (%v)", err)
		return []pending{p}, nil
	}
	defer rc.Close()
	// Whatever the member claims, read no more than a document may be and
	// than the archive has left.
	src := &memberReader{r: io.LimitReader(rc, min(limits.MaxBytes, u.budget)+1)}
	sha, n, err := u.r.store.PutObject(u.ctx, src)
	u.budget -= n
	switch {
	case src.err != nil:
		p.preErr = ValidationError("This file of the ZIP archive is damaged and cannot be unpacked (%v)", src.err)
		return []pending{p}, nil
	case err != nil:
		p.preErr = &Error{Kind: KindStorage, Stage: StageStore, Message: "Storing document: " + storageReason(err), Err: err}
		return []pending{p}, nil
	case u.budget < 0:
		return nil, bombErr("unpacks to more than the %s allowed", Megabytes(archiveBudget(limits)))
	}
	p.rec.SHA256, p.rec.SizeBytes = sha, n
	if err := CheckSize(n, limits); err != nil {
		p.preErr = err
		return []pending{p}, nil
	}
	if !isArchive(src.head.Bytes()) {
		return []pending{p}, nil
	}
	if depth > 0 {
		p.preErr = ValidationError("ZIP archive inside an archive inside an archive is not opened: unzip it and add its files")
		return []pending{p}, nil
	}
	obj, err := os.Open(u.r.store.ObjectPath(sha))
	if err != nil {
		p.preErr = &Error{Kind: KindStorage, Stage: StageStore, Message: "Storing document: " + storageReason(err), Err: err}
		return []pending{p}, nil
	}
	defer obj.Close()
	docs, err := u.registerArchive(name, obj, n, depth+1)
	switch {
	case errors.Is(err, ErrZIPBomb):
		return nil, err // fails the archive given
	case err != nil:
		p.preErr = err // fails this archive inside it only
		return []pending{p}, nil
	}
	return docs, nil
}

// memberName is a member's name as display text: its path inside the
// archive with forward slashes, never interpreted (a "../" stays text),
// each element made safe, at most 255 characters.
func memberName(name string) string {
	name = SafeText(strings.ReplaceAll(name, `\`, "/"))
	if utf8.RuneCountInString(name) > 255 {
		name = string([]rune(name)[:254]) + "…"
	}
	if strings.TrimSpace(name) == "" {
		return "unnamed document"
	}
	return name
}

// isSystemPath reports whether a member is system clutter or inside it
// (a Mac's __MACOSX folder, .DS_Store, ._ files).
func isSystemPath(name string) bool {
	for _, elem := range strings.Split(path.Clean(strings.ReplaceAll(name, `\`, "/")), "/") {
		if elem != "." && elem != ".." && IsSystemFile(elem) {
			return true
		}
	}
	return false
}

// memberReader keeps a member's first bytes, to tell an archive inside
// it, and its read error, which is the archive's fault, not the store's.
type memberReader struct {
	r    io.Reader
	head bytes.Buffer
	err  error
}

func (m *memberReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	if keep := min(n, archiveHead-m.head.Len()); keep > 0 {
		m.head.Write(p[:keep])
	}
	if err != nil && err != io.EOF {
		m.err = err
	}
	return n, err
}

var errDirectoryTooLarge = errors.New("pipeline: archive directory too large")

// directoryBudget lets zip.NewReader read at most left bytes in all (the
// end record search and the central directory), which bounds the memory
// its list of members takes. The members are read through it too, once
// the budget is lifted.
type directoryBudget struct {
	r    io.ReaderAt
	left int64
}

func (d *directoryBudget) ReadAt(p []byte, off int64) (int, error) {
	if int64(len(p)) > d.left {
		return 0, errDirectoryTooLarge
	}
	d.left -= int64(len(p))
	return d.r.ReadAt(p, off)
}

// registerPossibleArchive registers the documents of the archive in ra
// (size bytes, named name) when head, its first bytes, says it is one; ok
// is false for any other file. An archive that fails as a whole is one
// failed document.
func (r *Runner) registerPossibleArchive(ctx context.Context, name string, ra io.ReaderAt, size int64) (docs []pending, ok bool) {
	head := make([]byte, min(size, archiveHead))
	n, _ := ra.ReadAt(head, 0)
	if !isArchive(head[:n]) {
		return nil, false
	}
	u := &unpacking{r: r, ctx: ctx, budget: archiveBudget(r.opts.Limits)}
	docs, err := u.registerArchive(name, ra, size, 0)
	if err != nil {
		docs = []pending{{rec: DocRecord{DocumentID: uuid.NewString(), FileName: name, SizeBytes: size}, preErr: err}}
	}
	if u.skipped > 0 {
		msg := fmt.Sprintf("%d system files skipped in %s", u.skipped, name)
		if u.skipped == 1 {
			msg = "1 system file skipped in " + name
		}
		r.log.Info(msg, LogDoc, name, "skipped_system_files", u.skipped)
	}
	return docs, true
}

// ZIPKind names what a ZIP file is from its first bytes: an Office or
// OpenDocument file (office is true), which are ZIP archives holding a
// known layout, or a "ZIP archive" of files.
func ZIPKind(data []byte) (what string, office bool) {
	head := data[:min(len(data), archiveHead)]
	if bytes.Contains(head, []byte("[Content_Types].xml")) {
		switch {
		case bytes.Contains(head, []byte("word/")):
			return "Word document (.docx)", true
		case bytes.Contains(head, []byte("xl/")):
			return "Excel spreadsheet (.xlsx)", true
		case bytes.Contains(head, []byte("ppt/")):
			return "PowerPoint presentation (.pptx)", true
		}
		return "Microsoft Office document", true
	}
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")) {
		return "OpenDocument file (.odt, .ods)", true
	}
	return "ZIP archive", false
}
