package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"loanbatch/pipeline"
)

func cmdCompare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, data := newFlags("compare", stderr)
	asJSON := fs.Bool("json", false, "print the comparison as JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		return fail(stderr, "compare: give one JOB_ID\n\n%s", usage)
	}
	db, ok := openStore(ctx, *data, stderr)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	sum, err := db.Summary(ctx, pos[0])
	if errors.Is(err, pipeline.ErrJobNotFound) {
		return fail(stderr, "compare: no job %s in %s", pos[0], db.Dir())
	}
	if err != nil {
		return fail(stderr, "compare: %v", err)
	}
	c := pipeline.Compare(sum)
	if *asJSON {
		if err := printJSON(stdout, c); err != nil {
			return fail(stderr, "compare: %v", err)
		}
		return exitOK
	}
	printComparison(stdout, c)
	return exitOK
}

// printComparison shows one column per loan; * marks a row's best value
// and ! a change beyond tolerance.
func printComparison(w io.Writer, c *pipeline.Comparison) {
	if len(c.Loans) == 0 {
		fmt.Fprintln(w, "No loan fields were found in this job.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := []string{"LOAN"}
	for _, l := range c.Loans {
		head = append(head, l.Key)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	row := func(label, metric string, value func(pipeline.LoanColumn) string) {
		cells := []string{label}
		for _, l := range c.Loans {
			v := value(l)
			if v != "" && metric != "" && c.Best[metric] == l.Key {
				v += " *"
			}
			cells = append(cells, orDash(v))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	row("Lender", "", func(l pipeline.LoanColumn) string { return l.Fields.LenderName })
	row("Borrower", "", func(l pipeline.LoanColumn) string { return l.Fields.BorrowerName })
	row("Loan amount", "", func(l pipeline.LoanColumn) string { return dollars(l.Fields.LoanAmountCents) })
	row("Interest rate", "", func(l pipeline.LoanColumn) string { return pct(l.Fields.InterestRatePct) })
	row("APR", pipeline.MetricAPR, func(l pipeline.LoanColumn) string { return pct(l.Fields.APRPct) })
	row("Term", "", func(l pipeline.LoanColumn) string {
		if l.Fields.TermMonths == 0 {
			return ""
		}
		return fmt.Sprintf("%d months", l.Fields.TermMonths)
	})
	row("Monthly P&I", "", func(l pipeline.LoanColumn) string { return dollars(l.Fields.MonthlyPaymentCents) })
	row("Closing costs", pipeline.MetricClosingCosts, func(l pipeline.LoanColumn) string { return dollars(l.Fields.ClosingCostsCents) })
	row("5-year cost", pipeline.MetricFiveYearCost, func(l pipeline.LoanColumn) string { return dollars(l.FiveYearCostCents) })
	row("Total interest", "", func(l pipeline.LoanColumn) string { return dollars(l.TotalInterestCents) })
	tw.Flush()
	fmt.Fprintln(w, "* best (lowest) of the row")
	if len(c.Changes) > 0 {
		fmt.Fprintln(w, "\nLoan Estimate → Closing Disclosure:")
		for _, ch := range c.Changes {
			mark := " "
			if ch.Flagged {
				mark = "!"
			}
			fmt.Fprintf(w, "%s %s %s: %s → %s %s\n", mark, ch.LoanID, ch.Field,
				pipeline.FormatValue(ch.Field, ch.Estimate), pipeline.FormatValue(ch.Field, ch.Final), ch.Note)
		}
	}
}

func dollars(cents int64) string { return pipeline.Dollars(cents) }

func pct(p float64) string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf("%.3f%%", p)
}
