package ui

import (
	"context"
	"os"
	"os/user"
	"time"

	"loanbatch/pipeline"
)

// currentUser names who corrects or reviews: the OS user.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USER"); n != "" {
		return n
	}
	return "unknown"
}

// saveCorrections stores a person's values for a document's fields, in one
// transaction off the UI goroutine, and shows the job again with them.
func (u *UI) saveCorrections(res *pipeline.Result, values map[string]any, then func(error)) {
	u.storeReview(res, values, false, then)
}

// markReviewed saves values (a person's pending edits) and marks the
// document reviewed; the next document that needs review is then selected.
func (u *UI) markReviewed(res *pipeline.Result, values map[string]any, then func(error)) {
	u.storeReview(res, values, true, func(err error) {
		then(err)
		if err == nil {
			u.afterLoad = func() { u.job.selectNextToReview() }
		}
	})
}

func (u *UI) storeReview(res *pipeline.Result, values map[string]any, reviewed bool, then func(error)) {
	st := u.currentStore()
	if st == nil {
		then(problem("No data folder is open."))
		return
	}
	docID, who, now := res.DocumentID, currentUser(), time.Now()
	background(u, func(ctx context.Context) (struct{}, error) {
		if len(values) > 0 {
			if err := st.CorrectFields(ctx, docID, values, who, now); err != nil {
				return struct{}{}, problemf("The correction could not be saved: %v", rootCause(err))
			}
		}
		if reviewed {
			if err := st.MarkReviewed(ctx, docID, who, now); err != nil {
				return struct{}{}, problemf("The review could not be saved: %v", rootCause(err))
			}
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err == nil {
			delete(u.job.drafts, docID)
			if u.job.noticeDoc == docID {
				u.job.say("", "")
			}
		}
		then(err)
		if err == nil {
			u.reloadJob(docID)
		}
	})
}

// saveDrafts stores the edits left in a document's details when the
// selection moved away; what cannot be read stays a draft, and a line says so.
func (u *UI) saveDrafts(documentID string) {
	drafts := u.job.drafts[documentID]
	var res *pipeline.Result
	for i := range u.job.state.rows {
		if r := u.job.state.rows[i].result; r != nil && r.DocumentID == documentID {
			res = r
		}
	}
	if res == nil || len(drafts) == 0 {
		return
	}
	values := map[string]any{}
	for field, text := range drafts {
		v, err := pipeline.ParseFieldValue(field, text)
		if err != nil {
			u.job.say(documentID, "Your changes to "+res.FileName+" are not saved yet: "+err.Error()+". Select it to correct them.")
			return
		}
		if !pipeline.SameValue(v, res.Fields.Get(field)) {
			values[field] = v
		}
	}
	if len(values) == 0 {
		delete(u.job.drafts, documentID)
		return
	}
	name := res.FileName
	u.saveCorrections(res, values, func(err error) {
		if err != nil {
			u.job.say(documentID, "Your changes to "+name+" could not be saved: "+err.Error())
		}
	})
}

// reloadJob reads the job on screen again from the store, keeping the
// selected document (keep, if it is still selected); a running job shows
// its changes when it finishes.
func (u *UI) reloadJob(keep string) {
	if u.job.state.jobID == "" || u.job.state.live {
		return
	}
	if r := u.job.state.row(u.job.selected); r == nil || r.result == nil || r.result.DocumentID != keep {
		keep = "" // the person has moved on: keep their selection
		if r != nil && r.result != nil {
			keep = r.result.DocumentID
		}
	}
	u.loadJob(u.job.state.jobID, keep, false)
}

// draftsOf is the map of a document's unsaved edits.
func (v *jobView) draftsOf(documentID string) map[string]string {
	d := v.drafts[documentID]
	if d == nil {
		d = map[string]string{}
		v.drafts[documentID] = d
	}
	return d
}
