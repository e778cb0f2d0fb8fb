package pipeline

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Inputs are files, never what a name points at: a symbolic link is not
// followed (a dropped folder's link to /etc/shadow must not be stored), and
// a named pipe, device or socket is not opened for reading (a pipe blocks
// for ever). Each is a document that fails validation.

// SupportedExtensions are the file name endings of the formats read, for
// a file dialog's filter. A folder is not searched for them: every file in
// it is a document, and one that is not in a supported format fails
// validation saying what it is.
var SupportedExtensions = []string{".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".jp2", ".j2k", ".heic", ".heif", ".avif", ".zip"}

// Expansion is what ExpandFolders made of the paths given.
type Expansion struct {
	// Paths are the files to process, in order.
	Paths []string
	// Skipped counts the system files (see IsSystemFile) left out of the
	// folders, which a person should be told about once.
	Skipped int
}

// SkippedMessage says how many system files were left out, or "" for none.
func (e Expansion) SkippedMessage() string {
	switch e.Skipped {
	case 0:
		return ""
	case 1:
		return "1 system file skipped"
	}
	return fmt.Sprintf("%d system files skipped", e.Skipped)
}

// IsSystemFile reports whether a folder entry named name is clutter an
// operating system leaves, never a document someone dropped: Finder's
// .DS_Store and AppleDouble ._ files, Windows' Thumbs.db and desktop.ini,
// the __MACOSX folder of a Mac's ZIP, and any other dotfile.
func IsSystemFile(name string) bool {
	switch strings.ToLower(name) {
	case "thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx":
		return true
	}
	return strings.HasPrefix(name, ".")
}

// ExpandFolders replaces each folder in paths by every file in it and in
// its subfolders, in name order (a subfolder's files where its name sorts),
// leaving out only system files (IsSystemFile), which it counts. Files are
// kept as given, whatever they are. Neither a path nor a folder's entry is
// followed when it is a symbolic link: a link is kept as a file (see
// OpenInput), so that its row says why it was not read; so is a subfolder
// that cannot be read. Only a folder given in paths that cannot be read is
// an error.
func ExpandFolders(paths []string) (Expansion, error) {
	var exp Expansion
	for _, p := range paths {
		st, err := os.Lstat(p)
		if err != nil || !st.IsDir() {
			exp.Paths = append(exp.Paths, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return Expansion{}, fmt.Errorf("read folder %s: %w", SafeText(p), err)
		}
		exp.addFolder(p, entries)
	}
	return exp, nil
}

// addFolder adds the files of dir, whose entries ReadDir sorted by name.
func (exp *Expansion) addFolder(dir string, entries []fs.DirEntry) {
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if IsSystemFile(e.Name()) {
			exp.Skipped += countFiles(path, e)
			continue
		}
		if !e.IsDir() {
			exp.Paths = append(exp.Paths, path)
			continue
		}
		sub, err := os.ReadDir(path)
		if err != nil {
			exp.Paths = append(exp.Paths, path) // its row says it is a folder that was not read
			continue
		}
		exp.addFolder(path, sub)
	}
}

// countFiles counts the files at or under a skipped entry, so that the
// message counts files a person would see, not folders.
func countFiles(path string, e fs.DirEntry) int {
	if !e.IsDir() {
		return 1
	}
	n := 0
	_ = filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// ExpandPaths is ExpandFolders' list of files, for callers that do not
// report the skipped system files; it logs their count with slog.Default.
func ExpandPaths(paths []string) ([]string, error) {
	exp, err := ExpandFolders(paths)
	if err != nil {
		return nil, err
	}
	if msg := exp.SkippedMessage(); msg != "" {
		slog.Default().Info(msg, "skipped_system_files", exp.Skipped)
	}
	return exp.Paths, nil
}

// OpenInput opens the regular file at path for reading: not through a
// symbolic link (O_NOFOLLOW), and never blocking on a named pipe
// (O_NONBLOCK), which is refused with the other special files. Failures
// are validation errors that say what the path is.
func OpenInput(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, &Error{Kind: KindValidation, Stage: StageValidate, Message: "File cannot be opened: " + openReason(err), Err: err}
	}
	if err := checkRegular(st.Mode()); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoFollow, 0)
	if err != nil {
		if isSymlinkLoop(err) {
			return nil, nil, checkRegular(fs.ModeSymlink) // replaced by a link since Lstat
		}
		return nil, nil, &Error{Kind: KindValidation, Stage: StageValidate, Message: "File cannot be opened: " + openReason(err), Err: err}
	}
	// What was opened must still be that regular file.
	fst, err := f.Stat()
	if err == nil {
		err = checkRegular(fst.Mode())
	}
	if err == nil && !os.SameFile(st, fst) {
		err = ValidationError("The file changed while it was being added: add it again")
	}
	if err != nil {
		f.Close()
		if KindOf(err) != KindValidation {
			err = &Error{Kind: KindValidation, Stage: StageValidate, Message: "File cannot be read", Err: err}
		}
		return nil, nil, err
	}
	return f, fst, nil
}

// checkRegular refuses anything but a regular file, saying what it is.
func checkRegular(m fs.FileMode) error {
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return ValidationError("This is a folder, not a document")
	case m&fs.ModeSymlink != 0:
		return ValidationError("This is a link to another file, which is not followed: add the file itself")
	case m&fs.ModeNamedPipe != 0:
		return ValidationError("This is a named pipe, not a document file")
	case m&fs.ModeSocket != 0:
		return ValidationError("This is a socket, not a document file")
	case m&fs.ModeDevice != 0:
		return ValidationError("This is a device, not a document file")
	}
	return ValidationError("This is not a regular file, so it is not read")
}
