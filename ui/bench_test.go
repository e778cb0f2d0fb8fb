package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"loanbatch/pipeline"
)

// BenchmarkApplyJobEvents5000 measures the event → row state → table
// refresh path for a 5,000-document job, in the batches the pump delivers.
func BenchmarkApplyJobEvents5000(b *testing.B) {
	test.NewTempApp(b)
	const n = 5000
	events := []pipeline.Event{{Kind: pipeline.EventJobStarted, JobID: "bench", Total: n, Files: make([]string, n)}}
	for i := 0; i < n; i++ {
		res := &pipeline.Result{
			FileName: fmt.Sprintf("doc-%d.pdf", i), Status: pipeline.DocSuccess, ProcessingTime: 0.2,
			Fields: pipeline.Fields{LoanID: "LN-1", LoanAmountCents: 25000000, InterestRatePct: 6.875},
		}
		events = append(events,
			pipeline.Event{Kind: pipeline.EventDocStarted, DocIndex: i, FileName: res.FileName},
			pipeline.Event{Kind: pipeline.EventDocStage, DocIndex: i, Stage: pipeline.StageText},
			pipeline.Event{Kind: pipeline.EventDocDone, DocIndex: i, Result: res})
	}
	events = append(events, pipeline.Event{Kind: pipeline.EventJobDone, Summary: &pipeline.Summary{Status: pipeline.JobCompleted}})
	v := newJobView("")
	test.NewTempWindow(b, v.build())
	const batch = 60 // events per 50 ms refresh at ~400 documents a second
	b.ResetTimer()
	for b.Loop() {
		for i := 0; i < len(events); i += batch {
			v.applyEvents(events[i:min(i+batch, len(events))], time.Now())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64((len(events)+batch-1)/batch), "µs/refresh")
}
