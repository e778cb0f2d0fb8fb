package pdftext

import (
	"context"
	"errors"
	"fmt"
)

// The Go text reader runs inside the application's process on bytes
// anyone may have crafted, so what one document may cost is counted where
// the work happens (the lexer, CMaps, widths, stream decoding, fonts and
// forms) and checked inside the loops: a document over its budget stops
// at once and is left to the worker, whose process may die without harm.

// Budget of one document in the in-process reader. A dense genuine 50-page
// PDF uses a tenth of each.
const (
	// budgetDecoded is the bytes all streams may decode to, in all (each
	// stream is also capped at MaxDecodedStream).
	budgetDecoded = 256 << 20
	// budgetTokens is the content-stream and CMap tokens lexed.
	budgetTokens = 16_000_000
	// budgetScanned is the content bytes lexed, comments and forms drawn
	// again included.
	budgetScanned = 1 << 30
	// budgetEntries is the CMap codes and glyph widths kept in the fonts.
	budgetEntries = 1_000_000
	// budgetObjects is the fonts loaded and form XObjects drawn.
	budgetObjects = 20_000
	// budgetCheckEvery is how many units of work pass between looks at the
	// context, so that cancellation stops the work within milliseconds.
	budgetCheckEvery = 1 << 12
)

// Caps of single things, which no genuine document comes near.
const (
	// maxTokenNodes bounds the elements of one operand, nested arrays and
	// dictionaries included (a line's TJ array has a few hundred).
	maxTokenNodes = 1 << 16
	// maxStringToken bounds one string operand's bytes.
	maxStringToken = 1 << 20
	// maxCMapOperands bounds the operands of one bfchar or bfrange block
	// (the CMap specification allows 100 entries; producers write more).
	maxCMapOperands = 30_000
	// maxMappedText bounds the text one character code maps to.
	maxMappedText = 512
	// maxPDFObjects bounds the objects pdfcpu builds from the cross-reference
	// data (its own default is 10 million, gigabytes of entries).
	maxPDFObjects = 200_000
)

// ErrOverBudget is what a document over its budget gets: the worker reads it.
var ErrOverBudget = fmt.Errorf("%w: over the in-process reading budget", ErrNeedsPDFium)

// readBudget is what is left of one document's budget, and the context
// that cancels its reading. Use newReadBudget; it is not safe for
// concurrent use.
type readBudget struct {
	ctx                                        context.Context
	decoded, scanned, tokens, entries, objects int64
	work                                       int64 // units spent since the context was last checked
	err                                        error // the first failure, kept: every later charge fails too
}

func newReadBudget(ctx context.Context) *readBudget {
	return &readBudget{
		ctx: ctx, decoded: budgetDecoded, scanned: budgetScanned, tokens: budgetTokens,
		entries: budgetEntries, objects: budgetObjects,
	}
}

// spend takes n units from left and reports the end of the budget or of
// the context, which it looks at every budgetCheckEvery units.
func (b *readBudget) spend(left *int64, n int64, what string) error {
	if b.err != nil {
		return b.err
	}
	if *left -= n; *left < 0 {
		b.err = fmt.Errorf("%w: %s", ErrOverBudget, what)
		return b.err
	}
	if b.work += n; b.work >= budgetCheckEvery {
		b.work = 0
		if err := b.ctx.Err(); err != nil {
			b.err = err
			return err
		}
	}
	return nil
}

func (b *readBudget) token() error { return b.spend(&b.tokens, 1, "too many tokens") }
func (b *readBudget) entry(n int) error {
	return b.spend(&b.entries, int64(n), "too many CMap codes or widths")
}

func (b *readBudget) scan(n int) error {
	return b.spend(&b.scanned, int64(n), "too much content to read")
}
func (b *readBudget) object() error { return b.spend(&b.objects, 1, "too many fonts and forms") }
func (b *readBudget) decodedBytes(n int) error {
	return b.spend(&b.decoded, int64(n), "streams decode to too many bytes")
}

// fail records a failure found by the caller (an operand too large), so
// that every later charge fails too.
func (b *readBudget) fail(err error) error {
	if b.err == nil {
		b.err = err
	}
	return b.err
}

// IsBudgetErr reports whether err means a document was over its budget.
func IsBudgetErr(err error) bool { return errors.Is(err, ErrOverBudget) }
