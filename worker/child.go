package worker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"loanbatch/pipeline"
	"loanbatch/reader"
)

// The protocol: the runner writes one request per line on the child's
// stdin; the child answers on its stdout with progress messages and then
// one result or error message. Tesseract's OpenMP threads must be limited
// in the environment before the process starts (OMP_THREAD_LIMIT=1), which
// only a child process allows.

// Message kinds.
const (
	msgProgress = "progress"
	msgResult   = "result"
	msgError    = "error"
)

// request asks the child to read the document stored at Path.
type request struct {
	Path    string         `json:"path"`
	Options reader.Options `json:"options"`
}

// message is one line of the child's answer.
type message struct {
	Type     string             `json:"type"` // msgProgress, msgResult or msgError
	Stage    pipeline.Stage     `json:"stage,omitempty"`
	Page     int                `json:"page,omitempty"`
	Pages    int                `json:"pages,omitempty"`
	Analysis *pipeline.Analysis `json:"analysis,omitempty"`
	Kind     pipeline.ErrorKind `json:"kind,omitempty"`
	Message  string             `json:"message,omitempty"`
	Detail   string             `json:"detail,omitempty"` // cause chain and stack, for the log
}

// Run is the body of the hidden `loanbatch worker` command. It keeps
// the real stdout for the protocol and points file descriptor 1 at stderr,
// so that nothing a C library prints can corrupt the protocol.
func Run(ctx context.Context) error {
	out, err := redirectStdoutForProtocol()
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	return Serve(ctx, os.Stdin, out)
}

// Serve reads work requests from in and answers each on out with
// progress messages and one result or error, until in ends.
func Serve(ctx context.Context, in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	enc := json.NewEncoder(out)
	a := reader.New(reader.Options{})
	defer a.Close()
	// The runner reads text PDFs itself and starts a worker for scans and
	// images: load Tesseract's language data (a quarter of a second) while
	// the runner registers the inputs and the first request is on its way.
	a.WarmOCR()
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			return fmt.Errorf("worker: bad request: %w", err)
		}
		a.SetOptions(req.Options)
		msg := serveOne(ctx, a, req, func(m message) { _ = enc.Encode(m) })
		if err := enc.Encode(msg); err != nil {
			return fmt.Errorf("worker: write: %w", err)
		}
	}
	return sc.Err()
}

func serveOne(ctx context.Context, a *reader.Analyzer, req request, send func(message)) (msg message) {
	defer func() {
		if r := recover(); r != nil {
			msg = message{
				Type: msgError, Kind: pipeline.KindUnexpected,
				Message: fmt.Sprintf("unexpected: the document could not be processed (%v)", r),
				Detail:  fmt.Sprintf("panic: %v\n%s", r, debug.Stack()),
			}
		}
	}()
	data, err := os.ReadFile(req.Path)
	if err != nil {
		return message{Type: msgError, Kind: pipeline.KindStorage, Message: "Stored document could not be read", Detail: err.Error()}
	}
	// Text-layer PDFs are read by the runner itself: a PDF that comes
	// here needs PDFium, which loads while pdfcpu parses it.
	if f, _ := reader.Sniff(data); f == pipeline.FormatPDF {
		go a.WarmPDF()
	}
	progress := func(stage pipeline.Stage, page, pages int) {
		send(message{Type: msgProgress, Stage: stage, Page: page, Pages: pages})
	}
	res, err := a.Analyze(ctx, data, progress)
	if err != nil {
		var e *pipeline.Error
		detail := err.Error()
		if errors.As(err, &e) && e.Err != nil {
			detail = fmt.Sprintf("%s: %v", e.Stage, e.Err)
		}
		return message{Type: msgError, Kind: pipeline.KindOf(err), Message: pipeline.MessageOf(err), Detail: detail}
	}
	return message{Type: msgResult, Analysis: res}
}

// ocrMalloc tunes glibc's allocator for Tesseract and Leptonica, which
// allocate and free several page-sized (8 MB at 300 DPI) images per page:
// by default glibc hands such blocks back to the kernel and takes fresh
// ones, and every first write to a fresh page costs a fault plus a TLB
// shootdown on the other cores (a quarter of the worker's CPU time in
// `perf`). Keeping freed memory for reuse, in huge pages, took 8 scanned
// pages from 3.6 s to 3.0 s on 2 cores.
const ocrMalloc = "glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432:glibc.malloc.hugetlb=1"

// workerEnv is what the worker's environment needs on top of the user's:
// Tesseract's OpenMP threads limited to one (the worker parallelises pages
// itself; OpenMP's threads spin against each other on 2 cores) and the
// allocator tuning, unless the user set their own.
func workerEnv(env []string) []string {
	out := []string{"OMP_THREAD_LIMIT=1"}
	if !slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "GLIBC_TUNABLES=") }) {
		out = append(out, "GLIBC_TUNABLES="+ocrMalloc)
	}
	return out
}

// child is the Reader's handle on one child process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	msgs   chan message // closed when the worker's stdout ends
	stderr *tailWriter
}

func startChild(newCmd func() *exec.Cmd, log *slog.Logger) (*child, error) {
	cmd := newCmd()
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, workerEnv(cmd.Env)...)
	// The worker dies with the runner (kill -9 included), never orphaned.
	setChildAttrs(cmd)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	tail := &tailWriter{log: log}
	cmd.Stderr = tail
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	tieChild(cmd, log)
	w := &child{cmd: cmd, stdin: stdin, msgs: make(chan message, 64), stderr: tail}
	go func() {
		defer close(w.msgs)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64<<10), 256<<20)
		for sc.Scan() {
			var m message
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				log.Warn("worker wrote a line that is not a message", "line", truncate(sc.Text(), 200))
				continue
			}
			w.msgs <- m
		}
	}()
	return w, nil
}

func (w *child) send(req request) error {
	b, err := json.Marshal(req)
	if err != nil {
		return err
	}
	_, err = w.stdin.Write(append(b, '\n'))
	return err
}

// stop ends the worker: politely by closing its input, or by killing it.
func (w *child) stop(kill bool) string {
	if kill {
		_ = w.cmd.Process.Kill()
	}
	_ = w.stdin.Close()
	done := make(chan struct{})
	go func() { _ = w.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = w.cmd.Process.Kill()
		<-done
	}
	for range w.msgs { // drain so the reader goroutine ends
	}
	if w.cmd.ProcessState != nil {
		return w.cmd.ProcessState.String()
	}
	return "unknown exit"
}

// tailWriter logs a worker's stderr at debug level and keeps its last
// lines for the diagnostics of a crash.
type tailWriter struct {
	mu   sync.Mutex
	log  *slog.Logger
	buf  strings.Builder
	tail []string
}

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	s := t.buf.String()
	lines := strings.Split(s, "\n")
	t.buf.Reset()
	t.buf.WriteString(lines[len(lines)-1])
	for _, l := range lines[:len(lines)-1] {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		t.log.Debug("worker stderr", "line", truncate(l, 500))
		t.tail = append(t.tail, truncate(l, 500))
		if len(t.tail) > 10 {
			t.tail = t.tail[1:]
		}
	}
	return len(p), nil
}

func (t *tailWriter) last() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.tail, " | ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
