package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loanbatch/pipeline"
)

// detailActions are what the details panel asks of the app. save and
// review run off the UI goroutine and call then on it when done.
type detailActions struct {
	open, text func(*pipeline.Result)
	close      func()
	// save stores a person's values (field → value) for the document in
	// one transaction; review does the same and marks it reviewed.
	save   func(res *pipeline.Result, values map[string]any, then func(error))
	review func(res *pipeline.Result, values map[string]any, then func(error))
	// drafts is where the document's unsaved edits are kept (created on
	// first use), so that they outlive the panel.
	drafts func(documentID string) map[string]string
}

// detailsView lists everything known about one document: every field,
// editable, with the page it came from, how sure the extraction is and
// what does not add up, and a bar of actions that stays in view.
type detailsView struct {
	res     *pipeline.Result
	act     detailActions
	entries map[string]*widget.Entry
	checks  map[string]*widget.Label // a field's problem, beside it
	message *widget.Label
	save    *widget.Button
	review  *widget.Button
	content fyne.CanvasObject
}

func newDetailsView(r *rowState, act detailActions) *detailsView {
	d := &detailsView{act: act, entries: map[string]*widget.Entry{}, checks: map[string]*widget.Label{}}
	name := widget.NewLabel(r.fileName)
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), act.close)
	closeBtn.Importance = widget.LowImportance
	title := container.NewBorder(nil, nil, nil, closeBtn, name)
	if r.result == nil {
		d.content = container.NewVBox(title, widget.NewLabel(stageLabel(r)))
		return d
	}
	d.res = r.result
	top := append([]fyne.CanvasObject{title}, d.notes(r)...)
	d.content = container.NewBorder(container.NewVBox(top...), container.NewPadded(d.actionBar()), nil, nil,
		container.NewVScroll(d.form(r)))
	d.check()
	return d
}

// notes are the lines above the fields: why the document failed, that it
// was seen before, what to check.
func (d *detailsView) notes(r *rowState) []fyne.CanvasObject {
	res := d.res
	var items []fyne.CanvasObject
	wrapped := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		items = append(items, l)
	}
	wrapped(stageLabel(r)+" · "+res.DocumentType.Label(), widget.MediumImportance)
	if res.ErrorMessage != "" {
		imp := widget.DangerImportance
		if res.Status == pipeline.DocSkipped {
			imp = widget.MediumImportance
		}
		wrapped(res.ErrorMessage, imp)
		if res.ErrorType != "" {
			wrapped("Error type: "+string(res.ErrorType)+" · diagnostics are in the log", widget.MediumImportance)
		}
	}
	if dup := res.DuplicateOf; dup != nil {
		wrapped(fmt.Sprintf("Same file as %s in job %s", dup.FileName, shortID(dup.JobID)), widget.WarningImportance)
	}
	if len(res.ReviewReasons) > 0 {
		head, imp := "Notes", widget.MediumImportance
		if res.NeedsReview {
			head, imp = "Please check", widget.WarningImportance
		}
		wrapped(head+": "+strings.Join(res.ReviewReasons, "; "), imp)
	}
	if res.Reviewed != nil {
		wrapped(fmt.Sprintf("Reviewed by %s on %s", res.Reviewed.By, res.Reviewed.At.Local().Format("2006-01-02 15:04")), widget.SuccessImportance)
	}
	return items
}

func (d *detailsView) form(r *rowState) fyne.CanvasObject {
	res := d.res
	form := widget.NewForm()
	editable := res.Status == pipeline.DocSuccess
	var drafts map[string]string
	if editable {
		drafts = d.act.drafts(res.DocumentID)
	}
	for _, f := range pipeline.FieldTable {
		value := pipeline.FormatValue(f.Key, res.Fields.Get(f.Key))
		if f.Key == pipeline.FieldTerm {
			value = termText(res.Fields.TermMonths)
		}
		e := widget.NewEntry()
		e.SetPlaceHolder("not found")
		e.SetText(value)
		if text, ok := drafts[f.Key]; ok {
			e.SetText(text)
		}
		if !editable {
			e.Disable()
		}
		key := f.Key
		e.OnChanged = func(text string) {
			if text == value {
				delete(drafts, key)
			} else if drafts != nil {
				drafts[key] = text
			}
			d.check()
		}
		e.OnSubmitted = func(string) { d.saveEdits() }
		check := widget.NewLabel("")
		check.Wrapping = fyne.TextWrapWord
		check.Hide()
		d.entries[key], d.checks[key] = e, check
		items := []fyne.CanvasObject{e, check}
		if hint := fieldHint(res, key, value); hint != nil {
			items = append(items, hint)
		}
		form.Append(f.Label, container.NewVBox(items...))
	}
	form.Append("Text source", widget.NewLabel(orDash(res.TextSource.Label())))
	if res.Pages > 0 {
		form.Append("Pages", widget.NewLabel(fmt.Sprint(res.Pages)))
	}
	form.Append("Time", widget.NewLabel(fmt.Sprintf("%.2f s", res.ProcessingTime)))
	sha := widget.NewLabel(orDash(res.SHA256))
	sha.Truncation = fyne.TextTruncateEllipsis
	form.Append("SHA-256", sha)
	return form
}

// fieldHint says where a value was found, how sure the extraction is and
// who corrected it; nil when there is nothing to say.
func fieldHint(res *pipeline.Result, key, value string) fyne.CanvasObject {
	var hints []string
	imp := widget.MediumImportance
	if p := res.FieldPages[key]; p > 0 && res.Pages > 1 && value != "" {
		hints = append(hints, fmt.Sprintf("page %d", p))
	}
	if c, ok := res.FieldConfidence[key]; ok && value != "" {
		switch {
		case c < 0.6:
			hints = append(hints, fmt.Sprintf("⚠ low confidence, %.0f %%", c*100))
			imp = widget.WarningImportance
		case c < 0.8:
			hints = append(hints, fmt.Sprintf("uncertain, %.0f %%", c*100))
		}
	}
	for _, c := range res.Corrections {
		if c.Field == key {
			hints = append(hints, fmt.Sprintf("✎ corrected by %s; extracted %s", c.By, orNone(pipeline.FormatValue(key, c.Extracted))))
		}
	}
	if len(hints) == 0 {
		return nil
	}
	h := widget.NewLabel(strings.Join(hints, " · "))
	h.TextStyle.Italic = true
	h.Importance = imp
	h.Wrapping = fyne.TextWrapWord
	h.SizeName = theme.SizeNameCaptionText
	return h
}

func (d *detailsView) actionBar() fyne.CanvasObject {
	res := d.res
	d.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), d.saveEdits)
	d.review = widget.NewButtonWithIcon("Mark reviewed", theme.ConfirmIcon(), d.markReviewed)
	d.review.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon("Open document", theme.FileIcon(), func() { d.act.open(res) })
	text := widget.NewButtonWithIcon("Extracted text", theme.DocumentIcon(), func() { d.act.text(res) })
	if res.SHA256 == "" || res.Status == pipeline.DocFailed && res.ErrorType == pipeline.KindValidation {
		open.Disable() // only documents that passed validation are handed to another program
	}
	if res.Status != pipeline.DocSuccess {
		text.Disable()
		d.save.Disable()
		d.review.Disable()
	}
	if res.Reviewed != nil && !res.NeedsReview {
		d.review.SetText("Reviewed")
	}
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Hide()
	return container.NewVBox(d.message, container.NewGridWithColumns(2, d.save, d.review), container.NewGridWithColumns(2, open, text))
}

// edits are the values a person changed, parsed; a value typed again as it
// was is no change. err is the first value that cannot be read.
func (d *detailsView) edits() (map[string]any, error) {
	values := map[string]any{}
	for _, f := range pipeline.FieldTable {
		e := d.entries[f.Key]
		if e == nil {
			continue
		}
		v, err := pipeline.ParseFieldValue(f.Key, e.Text)
		if err != nil {
			return nil, problem(capitalizeFirst(err.Error()))
		}
		if !sameValue(v, d.res.Fields.Get(f.Key)) {
			values[f.Key] = v
		}
	}
	return values, nil
}

// sameValue compares a parsed value with a stored one (JSON numbers).
func sameValue(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if _, isText := a.(string); isText {
		return fmt.Sprint(a) == fmt.Sprint(b)
	}
	return pipeline.Number(a) == pipeline.Number(b)
}

// check shows beside each field what is wrong with its value: text that is
// not a value of its kind, or figures that do not add up.
func (d *detailsView) check() (ok bool) {
	fields := d.res.Fields
	ok = true
	for _, f := range pipeline.FieldTable {
		e, l := d.entries[f.Key], d.checks[f.Key]
		if e == nil {
			continue
		}
		l.SetText("")
		v, err := pipeline.ParseFieldValue(f.Key, e.Text)
		if err != nil {
			l.SetText("✗ " + capitalizeFirst(err.Error()))
			l.Importance = widget.DangerImportance
			ok = false
			continue
		}
		_ = fields.Set(f.Key, v)
	}
	for key, why := range pipeline.FieldProblems(fields) {
		if l := d.checks[key]; l != nil && l.Text == "" {
			l.SetText("⚠ Check: " + why)
			l.Importance = widget.WarningImportance
			ok = false
		}
	}
	for _, l := range d.checks {
		l.Hidden = l.Text == ""
		l.Refresh()
	}
	return ok
}

func (d *detailsView) say(err error, done string) {
	if err != nil {
		d.message.SetText(err.Error())
		d.message.Importance = widget.DangerImportance
	} else {
		d.message.SetText(done)
		d.message.Importance = widget.SuccessImportance
	}
	d.message.Show()
	d.message.Refresh()
}

// readEdits is edits for an action: false (and said why) when there is
// nothing to act on or a value cannot be read.
func (d *detailsView) readEdits() (map[string]any, bool) {
	if d.res == nil || d.res.Status != pipeline.DocSuccess {
		return nil, false
	}
	values, err := d.edits()
	if err != nil {
		d.say(problem(err.Error()+": nothing was saved."), "")
		return nil, false
	}
	return values, true
}

// saveEdits stores what changed (Save, Enter, Ctrl+S).
func (d *detailsView) saveEdits() {
	values, ok := d.readEdits()
	if !ok {
		return
	}
	if len(values) == 0 {
		d.say(nil, "Nothing changed.")
		return
	}
	d.save.Disable()
	d.act.save(d.res, values, func(err error) {
		d.save.Enable()
		d.say(err, "Saved.")
	})
}

// markReviewed saves what changed and marks the document reviewed, unless
// a value cannot be read or the figures do not add up.
func (d *detailsView) markReviewed() {
	values, ok := d.readEdits()
	if !ok {
		return
	}
	if !d.check() {
		d.say(problem("Some values need checking (marked beside them): correct them first."), "")
		return
	}
	d.review.Disable()
	d.act.review(d.res, values, func(err error) {
		d.review.Enable()
		d.say(err, "Marked reviewed.")
	})
}

func termText(months int) string {
	if months == 0 {
		return ""
	}
	return fmt.Sprintf("%d months", months)
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
