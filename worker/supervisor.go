// Package worker reads documents for the runner (it implements
// Reader): text-layer PDFs in the application's own process, with
// the pure-Go reader, and everything else in a child process of the same
// binary (`loanbatch worker`) that lives across documents and speaks JSON
// lines over stdin and stdout. A C abort in Leptonica or Tesseract, a Go
// stack overflow in a PDF parser or a hang kills or stalls only the child:
// the document is reported as failed and a new child reads the next.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"time"

	"loanbatch/pipeline"
	"loanbatch/reader"
)

// Options configure a Reader. The zero value has the contract's limits:
// five minutes and 2 GiB of resident memory per document.
type Options struct {
	DocTimeout  time.Duration // per-document time limit; DefaultDocTimeout when zero
	MemoryLimit int64         // the child's resident memory limit in bytes; DefaultMemoryLimit when zero
	// Command builds the command that starts a child; by default this
	// executable with the argument "worker".
	Command func() *exec.Cmd
	// ChildOnly reads every document in the child, text-layer PDFs included
	// (tests that inject faults through a fake child).
	ChildOnly bool
	// TextLayerTimeout is how long the in-process reader may go without
	// finishing a page before the child reads the document instead;
	// textLayerTimeout when zero.
	TextLayerTimeout time.Duration
	Logger           *slog.Logger // nil means slog.Default()
}

// Defaults of Options.
const (
	DefaultDocTimeout  = 5 * time.Minute
	DefaultMemoryLimit = 2 << 30
)

// Reader reads one document at a time; it implements Reader.
type Reader struct {
	opts  Options
	log   *slog.Logger
	mu    sync.Mutex // one document at a time
	child *child
}

var _ pipeline.Reader = (*Reader)(nil)

// New returns a Reader; its child starts when a document needs it.
func New(opts Options) *Reader {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.DocTimeout <= 0 {
		opts.DocTimeout = DefaultDocTimeout
	}
	if opts.TextLayerTimeout <= 0 {
		opts.TextLayerTimeout = textLayerTimeout
	}
	if opts.MemoryLimit <= 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.Command == nil {
		opts.Command = func() *exec.Cmd {
			exe, err := os.Executable()
			if err != nil {
				exe = os.Args[0]
			}
			return exec.Command(exe, "worker")
		}
	}
	return &Reader{opts: opts, log: opts.Logger.With("component", "worker")}
}

// Close stops the child process.
func (r *Reader) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.child != nil {
		r.child.stop(false)
		r.child = nil
	}
}

// Expect starts the child while a job's documents are registered when one
// of them needs it (images, large PDFs), so that its start-up and PDFium's
// load overlap that work.
func (r *Reader) Expect(docs []pipeline.Source) {
	if !r.opts.ChildOnly && !needsChild(docs) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.child != nil {
		return
	}
	if c, err := startChild(r.opts.Command, r.log); err == nil {
		r.child = c
	}
}

// Read reads one stored document: a text PDF in this process first, unless
// the request is Isolated; otherwise (and when that fails) in the child,
// watched for the time limit, its memory and cancellation.
func (r *Reader) Read(ctx context.Context, req pipeline.ReadRequest, progress pipeline.ProgressFunc) (*pipeline.Analysis, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.opts.ChildOnly && !req.Isolated {
		if a, ok := r.readTextLayer(ctx, req, progress); ok {
			return a, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err // cancelled while reading: no child to start
		}
	}
	work := request{Path: req.Path, Options: reader.Options{Limits: req.Limits, Language: req.Language}}
	if err := r.send(work); err != nil {
		return nil, &pipeline.Error{Kind: pipeline.KindUnexpected, Stage: pipeline.StageValidate, Message: "unexpected: the document reader could not start", Err: err}
	}
	return r.await(ctx, progress)
}

// await waits for the child's answer to the request just sent, the time
// limit, the memory limit or cancellation; the child is stopped on all but
// an answer.
func (r *Reader) await(ctx context.Context, progress pipeline.ProgressFunc) (*pipeline.Analysis, error) {
	c := r.child
	timer := time.NewTimer(r.opts.DocTimeout)
	defer timer.Stop()
	memCheck := time.NewTicker(250 * time.Millisecond)
	defer memCheck.Stop()
	kill := func() {
		c.stop(true)
		r.child = nil
	}
	for {
		select {
		case <-memCheck.C:
			if rss := processRSS(c.cmd.Process.Pid); rss > r.opts.MemoryLimit {
				kill()
				return nil, &pipeline.Error{
					Kind: pipeline.KindProcessing, Stage: pipeline.StageText,
					Message: fmt.Sprintf("Reading this document needed more than %s of memory, so it was stopped", pipeline.Megabytes(r.opts.MemoryLimit)),
					Err:     fmt.Errorf("worker resident memory %d bytes over the limit", rss),
				}
			}
		case m, ok := <-c.msgs:
			if !ok {
				exit := c.stop(true)
				r.child = nil
				return nil, &pipeline.Error{
					Kind: pipeline.KindProcessing, Stage: pipeline.StageText,
					Message: "The document could not be read: it made the reader stop unexpectedly (the file is probably damaged)",
					Err:     fmt.Errorf("worker exited (%s): %s", exit, c.stderr.last()),
				}
			}
			switch m.Type {
			case msgProgress:
				progress(m.Stage, m.Page, m.Pages)
			case msgResult:
				if m.Analysis == nil {
					return nil, &pipeline.Error{Kind: pipeline.KindUnexpected, Message: "unexpected: the reader returned no result"}
				}
				return m.Analysis, nil
			case msgError:
				return nil, &pipeline.Error{Kind: m.Kind, Stage: m.Stage, Message: m.Message, Err: errors.New(m.Detail)}
			}
		case <-timer.C:
			kill()
			return nil, &pipeline.Error{
				Kind: pipeline.KindProcessing, Stage: pipeline.StageText,
				Message: fmt.Sprintf("Processing took longer than the %s limit and was stopped", r.opts.DocTimeout.Round(time.Second)),
				Err:     errors.New("document time limit reached"),
			}
		case <-ctx.Done():
			kill()
			return nil, ctx.Err()
		}
	}
}

// send gives the child a request, starting a child first if none runs and
// retrying once with a new one if the old one has died.
func (r *Reader) send(req request) error {
	for attempt := 0; ; attempt++ {
		if r.child == nil {
			c, err := startChild(r.opts.Command, r.log)
			if err != nil {
				return err
			}
			r.child = c
		}
		err := r.child.send(req)
		if err == nil {
			return nil
		}
		r.child.stop(true)
		r.child = nil
		if attempt == 1 {
			return err
		}
	}
}
