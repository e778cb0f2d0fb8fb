package main_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// History names jobs by their loans, and search finds documents across
// jobs by borrower, loan ID, address, file name and text.
func TestSearchAndTitlesEndToEnd(t *testing.T) {
	data, in := t.TempDir(), t.TempDir()
	loans := pipelinetest.SampleLoans()
	first := runCLI(t, "process", "--data", data,
		write(t, in, "harbor estimate.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[0].EstimateLines()})),
		write(t, in, "notes\x1b]0;owned\x07.gif", []byte("GIF89a\x01\x00\x01\x00")))
	second := runCLI(t, "process", "--data", data,
		write(t, in, "cedar letter.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loans[1].LetterLines()})))
	if first.code != 1 || second.code != 0 {
		t.Fatalf("process: exit %d and %d\n%s%s", first.code, second.code, first.stderr, second.stderr)
	}

	h := runCLI(t, "history", "--json", "--data", data)
	var jobs []pipeline.JobInfo
	if err := json.Unmarshal([]byte(h.stdout), &jobs); err != nil || len(jobs) != 2 {
		t.Fatalf("history --json: %v\n%s", err, h.stdout)
	}
	if want := loans[1].Borrower + " · " + loans[1].LoanID + " · 1 document"; jobs[0].Title != want {
		t.Errorf("newest job's title %q; want %q", jobs[0].Title, want)
	}
	if !strings.HasPrefix(jobs[1].Title, loans[0].Borrower) {
		t.Errorf("first job's title %q does not name its borrower", jobs[1].Title)
	}

	search := func(q string) []pipeline.SearchHit {
		t.Helper()
		r := runCLI(t, "search", "--json", "--data", data, q)
		var hits []pipeline.SearchHit
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &hits) != nil {
			t.Fatalf("search %q: exit %d\n%s%s", q, r.code, r.stdout, r.stderr)
		}
		return hits
	}
	for _, c := range []struct {
		query, wantFile string
	}{
		{strings.Fields(loans[0].Borrower)[2], "harbor estimate.pdf"}, // a surname
		{loans[1].LoanID, "cedar letter.pdf"},
		{strings.Fields(loans[1].Street)[1], "cedar letter.pdf"},  // a word of the address
		{"harb", "harbor estimate.pdf"},                           // a file-name fragment, as typed
		{"notes", pipeline.SafeName("notes\x1b]0;owned\x07.gif")}, // a failed upload, by its (made safe) name
	} {
		hits := search(c.query)
		if len(hits) == 0 || hits[0].FileName != c.wantFile {
			t.Errorf("search %q: %+v; want %q first", c.query, hits, c.wantFile)
		}
	}
	if hits := search("loan"); len(hits) < 2 || hits[0].JobID == hits[len(hits)-1].JobID {
		t.Errorf("a word of both jobs' text finds documents of one job only: %+v", hits)
	}
	table := runCLI(t, "search", "--data", data, "notes")
	if strings.ContainsAny(table.stdout, "\x1b\x07") || !strings.Contains(table.stdout, "␛") {
		t.Errorf("a file name reached the terminal raw:\n%q", table.stdout)
	}
	if r := runCLI(t, "search", "--data", data); r.code != 2 {
		t.Errorf("search without words: exit %d; want 2", r.code)
	}
}

// watch takes a page image moved into its folder within seconds, once,
// also across a restart, and stops on Ctrl+C.
func TestWatchPicksUpAMovedFile(t *testing.T) {
	data, dir, elsewhere := t.TempDir(), t.TempDir(), t.TempDir()
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(binary, "watch", "--data", data, "--settle", "300ms", dir)
		cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "LOANBATCH_DATA=")
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &out
	}
	stop := func(cmd *exec.Cmd) {
		t.Helper()
		cmd.Process.Signal(os.Interrupt)
		if err := cmd.Wait(); err != nil {
			t.Errorf("watch after Ctrl+C: %v", err)
		}
	}
	cmd, out := start()
	loan := pipelinetest.SampleLoans()[1]
	src := write(t, elsewhere, "scan.pdf", pipelinetest.PDF(pipelinetest.Page{Lines: loan.LetterLines()}))
	write(t, dir, "notes.tmp", []byte("being written"))
	if err := os.Rename(src, filepath.Join(dir, "scan.pdf")); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	id := waitForJob(t, data, func(j pipeline.JobInfo) bool { return j.Status == pipeline.JobCompleted })
	took := time.Since(began)
	stop(cmd)
	if took > 20*time.Second {
		t.Errorf("the file was read %v after it arrived", took)
	}
	if !strings.Contains(out.String(), id) {
		t.Errorf("watch printed %q; want a line for job %s", out.String(), id)
	}
	// A restart takes nothing again.
	cmd, _ = start()
	time.Sleep(2 * time.Second)
	stop(cmd)
	h := runCLI(t, "history", "--json", "--data", data)
	var jobs []pipeline.JobInfo
	json.Unmarshal([]byte(h.stdout), &jobs)
	if len(jobs) != 1 || jobs[0].TotalDocuments != 1 {
		t.Errorf("%d jobs after a restart; want the one job of scan.pdf alone: %+v", len(jobs), jobs)
	}
	if _, err := os.Stat(filepath.Join(dir, "scan.pdf")); err != nil {
		t.Errorf("watch moved or deleted the file: %v", err)
	}
}
