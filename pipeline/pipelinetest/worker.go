package pipelinetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
)

// workerEnv marks a test binary started as a runner's worker.
const workerEnv = "LOANBATCH_TEST_WORKER"

// IsWorker reports whether this test binary was started as a worker: call
// it first in TestMain and, when true, run RunFaultyWorker instead of the
// tests.
func IsWorker() bool { return os.Getenv(workerEnv) == "1" }

// WorkerCommand starts this test binary as a runner's worker process.
func WorkerCommand() *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	return cmd
}

// RunFaultyWorker serves work requests with serve (worker.Serve)
// on stdin and stdout, injecting the faults a hostile file causes: a
// document containing CRASH-ME kills the worker, one containing HANG-ME
// stalls it. These are the only fakes: everything else is the real worker.
func RunFaultyWorker(serve func(ctx context.Context, in io.Reader, out io.Writer) error) {
	pr, pw := io.Pipe()
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<20), 1<<22)
		for sc.Scan() {
			var req struct{ Path string }
			_ = json.Unmarshal(sc.Bytes(), &req)
			data, _ := os.ReadFile(req.Path)
			switch {
			case bytes.Contains(data, []byte("CRASH-ME")):
				os.Exit(3)
			case bytes.Contains(data, []byte("HANG-ME")):
				select {}
			}
			pw.Write(append(sc.Bytes(), '\n'))
		}
		pw.Close()
	}()
	if err := serve(context.Background(), pr, os.Stdout); err != nil {
		os.Exit(4)
	}
}
