package pipeline

import (
	"bytes"
	"log/slog"
	"os"
)

// Crash-only bookkeeping: the runner records that a document's reading
// starts before it reads it (Store.StartReading) and SaveResult clears the
// record, so a document found with unfinished reads on resume is one its
// process died on. It is read in the worker only, where a crash costs a
// child process; one that took the process down twice is failed.

// maxUnfinishedReads is how many times a document may take its process
// down before it is failed without being read again.
const maxUnfinishedReads = 2

// crashedTwice is the result of a document that is not read again.
func (r *Runner) crashedTwice(log *slog.Logger, rec DocRecord) Result {
	log.Error("Document not read again: its process died while reading it", LogDoc, rec.FileName,
		"document_id", rec.DocumentID, "unfinished_reads", rec.UnfinishedReads)
	return Result{
		FileName: rec.FileName, Status: DocFailed, DocumentID: rec.DocumentID, SHA256: rec.SHA256,
		ErrorType:    KindProcessing,
		ErrorMessage: "The document could not be read: this file crashed the reader twice, so it is not read again",
		Timestamp:    r.opts.Now().UTC(),
	}
}

// crashMarkerEnv injects the fault crash-only bookkeeping is tested
// against: when it is set, reading a stored document that contains its
// value kills this process, as a fatal bug in a reader would.
const crashMarkerEnv = "LOANBATCH_TEST_CRASH_MARKER"

func crashOnMarker(path string) {
	marker := os.Getenv(crashMarkerEnv)
	if marker == "" {
		return
	}
	if data, err := os.ReadFile(path); err == nil && bytes.Contains(data, []byte(marker)) {
		killSelf()
		select {} // the signal is on its way
	}
}
