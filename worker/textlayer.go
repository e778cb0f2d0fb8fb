package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"loanbatch/pipeline"
	"loanbatch/reader"
)

// Text-layer PDFs are read in the application's own process; everything
// that needs C libraries or PDFium (images, scans, large or unusual PDFs)
// goes to the child process.

// maxInProcessPDF is the largest PDF whose text layer is read inside this
// process: pure Go code (pdfcpu, with its recursion and decompression
// limits, and the Go text reader), bounded in work by a budget
// (pdfbudget.go) and in time by textLayerTimeout without a page read, and
// textLayerPatience times that in all.
// Larger PDFs, images and anything needing OCR or PDFium go to the worker.
// For a text PDF this saves the worker's start (30 ms) and PDFium's load
// (0.15 s), most of a one-document job.
const (
	maxInProcessPDF  = 8 << 20
	textLayerTimeout = 20 * time.Second
	// textLayerPatience times textLayerTimeout bounds a reader that keeps
	// finishing pages: a dense 50-page PDF read at 20 s was thrown away and
	// read again by the worker.
	textLayerPatience = 3
	// readerStopGrace is how long a reader told to stop may take to
	// notice: it looks at its context every few thousand tokens, so
	// milliseconds; only pdfcpu's parsing of the file does not look.
	readerStopGrace = 5 * time.Second
)

// readTextLayer reads a text-layer PDF in this process; ok is false when
// the worker must read the document.
func (r *Reader) readTextLayer(ctx context.Context, req pipeline.ReadRequest, progress pipeline.ProgressFunc) (*pipeline.Analysis, bool) {
	path := req.Path
	data, ok := readSmallPDF(path)
	if !ok {
		return nil, false
	}
	// An Analyzer of its own: one abandoned at the time limit may still be
	// finishing while the next document is read.
	text := reader.New(reader.Options{Limits: req.Limits, Language: req.Language})
	// Progress goes out only while this call waits: a reader abandoned at
	// the time limit falls silent.
	var mu sync.Mutex
	abandoned := false
	pageDone := make(chan struct{}, 1)
	report := func(s pipeline.Stage, page, pages int) {
		mu.Lock()
		defer mu.Unlock()
		if !abandoned {
			progress(s, page, pages)
		}
		select {
		case pageDone <- struct{}{}:
		default:
		}
	}
	type outcome struct {
		a   *pipeline.Analysis
		err error
	}
	done := make(chan outcome, 1)
	readCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: fmt.Errorf("the text reader panicked: %v", p)}
			}
		}()
		a, err := text.AnalyzeTextLayer(readCtx, data, report)
		done <- outcome{a, err}
	}()
	timeout := r.opts.TextLayerTimeout
	idle, total := time.NewTimer(timeout), time.NewTimer(textLayerPatience*timeout)
	defer idle.Stop()
	defer total.Stop()
wait:
	for {
		select {
		case o := <-done:
			if o.err != nil && !errors.Is(o.err, context.Canceled) {
				r.log.Debug("The worker reads the document", pipeline.LogDoc, filepath.Base(path), "reason", o.err.Error())
			}
			return o.a, o.err == nil
		case <-pageDone:
			idle.Reset(timeout) // still reading pages: not stuck
		case <-ctx.Done():
			break wait
		case <-idle.C:
			r.log.Warn("Reading the text layer took too long; the worker reads the document", pipeline.LogDoc, filepath.Base(path))
			break wait
		case <-total.C:
			r.log.Warn("Reading the text layer took too long in all; the worker reads the document", pipeline.LogDoc, filepath.Base(path))
			break wait
		}
	}
	mu.Lock()
	abandoned = true
	mu.Unlock()
	// The reader looks at its context inside its loops: it stops, and no
	// goroutine outlives its document (or reads on beside the worker).
	cancel()
	select {
	case <-done:
	case <-time.After(readerStopGrace):
		r.log.Error("The text reader did not stop when told to", pipeline.LogDoc, filepath.Base(path))
	}
	return nil, false
}

// needsChild reports whether a job has documents that only the child
// reads: images and large PDFs. Small PDFs may need it too (scans), which is
// found when their turn comes.
func needsChild(docs []pipeline.Source) bool {
	for _, d := range docs {
		if d.Data != nil {
			if format, _ := reader.Sniff(d.Data); format != pipeline.FormatPDF || len(d.Data) > maxInProcessPDF {
				return true
			}
			continue
		}
		f, _, err := pipeline.OpenInput(d.Path)
		if err != nil {
			continue // registering reports it
		}
		_, isPDF := smallPDFHead(f)
		f.Close()
		if !isPDF {
			return true
		}
	}
	return false
}

// readSmallPDF reads the file at path when it is a PDF no larger than
// maxInProcessPDF; other files are left unread but for their first bytes.
func readSmallPDF(path string) ([]byte, bool) {
	f, _, err := pipeline.OpenInput(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	head, ok := smallPDFHead(f)
	if !ok {
		return nil, false
	}
	rest, err := io.ReadAll(io.LimitReader(f, maxInProcessPDF))
	if err != nil {
		return nil, false
	}
	return append(head, rest...), true
}

// smallPDFHead reads the first kilobyte of f (where sniff looks) and
// reports whether f is a PDF no larger than maxInProcessPDF.
func smallPDFHead(f *os.File) ([]byte, bool) {
	st, err := f.Stat()
	if err != nil || st.Size() > maxInProcessPDF {
		return nil, false
	}
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	format, _ := reader.Sniff(head[:n])
	return head[:n], format == pipeline.FormatPDF
}
