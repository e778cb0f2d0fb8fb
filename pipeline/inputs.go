package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Inputs are files, never what a name points at: a symbolic link is not
// followed (a dropped folder's link to /etc/shadow must not be stored), and
// a named pipe, device or socket is not opened for reading (a pipe blocks
// for ever). Each is a document that fails validation.

// SupportedExtensions are the file name endings a folder is searched for.
var SupportedExtensions = []string{".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}

// ExpandPaths replaces each folder in paths by its supported files, sorted
// by name; files are kept as given, whatever their extension. Neither a
// path nor a folder's entry is followed when it is a symbolic link: a link
// is kept as a file (see openInput), so that its row says why it was not
// read.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Lstat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", SafeText(p), err)
		}
		for _, e := range entries { // ReadDir sorts by name
			if e.IsDir() {
				continue
			}
			ext := strings.ToLower(filepath.Ext(e.Name()))
			for _, s := range SupportedExtensions {
				if ext == s {
					out = append(out, filepath.Join(p, e.Name()))
					break
				}
			}
		}
	}
	return out, nil
}

// openInput opens the regular file at path for reading: not through a
// symbolic link (O_NOFOLLOW), and never blocking on a named pipe
// (O_NONBLOCK), which is refused with the other special files. Failures
// are validation errors that say what the path is.
func openInput(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, &Error{Kind: KindValidation, Stage: StageValidate, Message: "File cannot be opened: " + openReason(err), Err: err}
	}
	if err := checkRegular(st.Mode()); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
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
		err = validationErr("The file changed while it was being added: add it again")
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
		return validationErr("This is a folder, not a document")
	case m&fs.ModeSymlink != 0:
		return validationErr("This is a link to another file, which is not followed: add the file itself")
	case m&fs.ModeNamedPipe != 0:
		return validationErr("This is a named pipe, not a document file")
	case m&fs.ModeSocket != 0:
		return validationErr("This is a socket, not a document file")
	case m&fs.ModeDevice != 0:
		return validationErr("This is a device, not a document file")
	}
	return validationErr("This is not a regular file, so it is not read")
}
