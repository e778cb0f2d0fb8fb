package extract

import (
	"strings"
	"testing"
	"time"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// Loan-file forms as their text layers lay them out: two wordings of each,
// with the figures a form prints that are not the loan's.

// urla2009 is page 1 of the 2009 Uniform Residential Loan Application:
// values in the row under a grid of labels, an agency case number beside
// the lender's, a co-borrower, present and proposed housing expense.
const urla2009 = `                                        Uniform Residential Loan Application
This application is designed to be completed by the applicant(s) with the Lender's assistance. Applicants should complete this form as
"Borrower" or "Co-Borrower", as applicable.
                                        I. TYPE OF MORTGAGE AND TERMS OF LOAN
Mortgage        VA          [X] Conventional     Other (explain):            Agency Case Number            Lender Case Number
Applied for:    FHA         USDA/Rural Housing Service                       FHA-5521-0093                 HP-2026-004417
Amount                      Interest Rate        No. of Months         Amortization Type:   [X] Fixed Rate    Other (explain):
$280,000.00                 6.500 %              360                                        GPM               ARM (type):
                                        II. PROPERTY INFORMATION AND PURPOSE OF LOAN
Subject Property Address (street, city, state & ZIP)                                                      No. of Units
1427 Juniper Ridge Rd, Boise, ID 83702                                                                     1
                                        III. BORROWER INFORMATION
Borrower                                                        Co-Borrower
Borrower's Name (include Jr. or Sr. if applicable)              Co-Borrower's Name (include Jr. or Sr. if applicable)
Daniel R. Okafor                                                Grace Okafor
Social Security Number     Home Phone (incl. area code)         Social Security Number     Home Phone (incl. area code)
                          V. MONTHLY INCOME AND COMBINED HOUSING EXPENSE INFORMATION
Combined Monthly Housing Expense          Present           Proposed
Rent                                      $ 1,850.00
First Mortgage (P&I)                      $ 1,420.00        $ 1,769.79
                                        VII. DETAILS OF TRANSACTION
f. Estimated closing costs                $ 8,054.00
                          X. INFORMATION FOR GOVERNMENT MONITORING PURPOSES
Interviewer's Name (print or type)        Name and Address of Interviewer's Employer
Jo Lee                                    Harbor Point Mortgage, LLC
                                          40 Elm Ave, Dover, DE 19901
Freddie Mac Form 65   7/05 (rev.6/09)            Page 1 of 4            Fannie Mae Form 1003   7/05 (rev.6/09)`

// urla2021 is the 2021 redesigned URLA: the lender's loan number and the
// agency case number atop the page, the property in a street/city grid
// after the borrower's own current address in the same grid.
const urla2021 = `To be completed by the Lender:
Lender Loan No./Universal Loan Identifier   HP2026004417                 Agency Case No.   011-2233445-703
                         Uniform Residential Loan Application
Verify and complete the information on this application. If you are applying for this loan with others, each additional Borrower must provide
information as directed by your Lender.
Section 1: Borrower Information. This section asks about your personal information and your income from employment and other sources.
1a. Personal Information
Name (First, Middle, Last, Suffix)                              Social Security Number   123-45-6789
Priya L. Whitaker
List Name(s) of Other Borrower(s) Applying for this Loan (First, Middle, Last, Suffix)
Tanya Whitaker
Current Address   Street  88 Old Mill Rd                                    Unit #
                  City  Loveland                State  CO     ZIP  80537    Country  USA
Section 4: Loan and Property Information. This section asks about the loan's purpose and the property you want to purchase.
4a. Loan and Property Information
Loan Amount $  412,500.00          Loan Purpose   [X] Purchase    Refinance    Other (specify)
Property Address   Street  2290 Alder Creek Way                                Unit #
                   City  Fort Collins           State  CO     ZIP  80525    County  Larimer
L3. Mortgage Loan Information
Terms of Loan   Note Rate   6.250 %   Loan Term   360   (months)
Proposed Monthly Payment for Property   First Mortgage (P & I)   $ 2,539.83
Uniform Residential Loan Application
Freddie Mac Form 65 • Fannie Mae Form 1003
Effective 1/2021`

// summary1008 is the Uniform Underwriting and Transmittal Summary.
const summary1008 = `                 Uniform Underwriting and Transmittal Summary
I. Borrower and Property Information
Borrower Name   Daniel R. Okafor                          SSN   XXX-XX-4417
Co-Borrower Name   Grace Okafor                           SSN   XXX-XX-5521
Property Address   1427 Juniper Ridge Rd, Boise, ID 83702
Occupancy Status   [X] Primary Residence
II. Mortgage Information
Loan Type   [X] Conventional     Amortization Type   [X] Fixed-Rate     Loan Purpose   [X] Purchase
Note Information
Original Loan Amount   $280,000.00                 Initial P&I Payment   $1,769.79
Initial Note Rate   6.500 %                         Loan Term (in months)   360
III. Underwriting Information
Underwriter's Name   Carla Mendez
Qualifying Ratios   Primary Housing Expense/Income   14.93 %   Total Obligations/Income   31.20 %
Loan-to-Value Ratios   LTV   80.000 %   CLTV/TLTV   80.000 %
IV. Seller, Contract, and Contact Information
Seller Name   Harbor Point Mortgage, LLC                 Contact Name   Jo Lee
Seller Address   40 Elm Ave, Dover, DE 19901             Contact Title   Underwriter
Investor Loan No.   4000912233                           Seller No.   771204
Seller Loan No.   HP-2026-004417
Freddie Mac Form 1077 June 2009                                            Fannie Mae Form 1008 June 2009`

// summary1008Grid is a 1008 printed with its values in the row under its
// labels, names surname first, and the seller's and investor's loan
// numbers side by side.
const summary1008Grid = `Uniform Underwriting and Transmittal Summary
I. Borrower and Property Information
Borrower Name                          Co-Borrower Name
WHITAKER, PRIYA L                      WHITAKER, TANYA
Property Address
2290 Alder Creek Way, Fort Collins, CO 80525
II. Mortgage Information
Note Information
Original Loan Amount      Initial P&I Payment      Initial Note Rate      Loan Term (in months)
$ 412,500.00              $ 2,539.83               6.250 %                360
IV. Seller, Contract, and Contact Information
Seller/Lender Name                    Investor Loan No.               Seller Loan No.
Summit Ridge Home Lending, LLC        FN-4477120                      SR-88120
Fannie Mae Form 1008 rev. 09/2017`

// note3200 is the Fannie Mae/Freddie Mac fixed rate Note: values above
// bracketed captions, terms in sentences, signers at the end. "In the
// amount of" there is the payment; a late charge is a percent too.
const note3200 = `Loan Number: 2026-0417-88                                          MIN: 1001234-0000004417-7
                                              NOTE
March 2, 2026                       Springfield                          Illinois
[Date]                              [City]                               [State]
                          88 Harbor View Dr, Springfield, IL 62704
                                       [Property Address]
1. BORROWER'S PROMISE TO PAY
In return for a loan that I have received, I promise to pay U.S. $555,000.00 (this amount is called "Principal"), plus interest, to the
order of the Lender. The Lender is Harbor Point Mortgage, LLC. I will make all payments under this Note in the form of cash, check or
money order.
2. INTEREST
Interest will be charged on unpaid principal until the full amount of Principal has been paid. I will pay interest at a yearly rate of 6.500%.
3. PAYMENTS
(A) Time and Place of Payments
I will pay principal and interest by making a payment every month.
I will make my monthly payment on the 1st day of each month beginning on May 1, 2026. I will make these payments every month until I have
paid all of the principal and interest and any other charges described below that I may owe under this Note. If, on April 1, 2056, I still
owe amounts under this Note, I will pay those amounts in full on that date, which is called the "Maturity Date."
I will make my monthly payments at 40 Elm Ave, Dover, DE 19901 or at a different place if required by the Note Holder.
(B) Amount of Monthly Payments
My monthly payment will be in the amount of U.S. $3,508.00.
6. BORROWER'S FAILURE TO PAY AS REQUIRED
(A) Late Charge for Overdue Payments
The amount of the charge will be 5.000% of my overdue payment of principal and interest. I will pay this late charge promptly.
WITNESS THE HAND(S) AND SEAL(S) OF THE UNDERSIGNED.
_______________________________ (Seal)            _______________________________ (Seal)
MARIA T. GONZALEZ              - Borrower         CARLOS GONZALEZ                - Borrower
MULTISTATE FIXED RATE NOTE--Single Family--Fannie Mae/Freddie Mac UNIFORM INSTRUMENT          Form 3200 1/01`

// noteARM is an adjustable rate Note whose title OCR misread, with the
// signer's name under a lone "- Borrower" and no loan number.
const noteARM = `                         ADJUSTABLE RATE NOTE
                  (1-Year SOFR Index (As Published By The Wall Street Journal) - Rate Caps)
THIS NOTE CONTAINS PROVISIONS ALLOWING FOR CHANGES IN MY INTEREST RATE AND MY MONTHLY PAYMENT.
June 15, 2026                       Raleigh                          North Carolina
[Date]                              [City]                           [State]
                          6675 Union Cir
                          Raleigh, NC 27601
                          [Property Address]
1. BORROWER'S PROMISE TO PAY
In return for a loan that I have received, I promise to pay U.S. $379,000.00 (this amount is called "Principal"), plus interest, to the
order of the Lender. The Lender is Pine Hill Savings Bank, N.A. I will make all payments under this Note in the form of cash.
2. INTEREST
Interest will be charged on unpaid principal until the full amount of Principal has been paid. I will pay interest at a yearly rate of 5.875%.
The interest rate I will pay will change in accordance with Section 4 of this Note.
3. PAYMENTS
I will make my monthly payment on the first day of each month beginning on August 1, 2026. If, on July 1, 2046, I still owe amounts
under this Note, I will pay those amounts in full on that date, which is called the "Maturity Date."
My initial monthly payment will be in the amount of U.S. $2,688.01. This amount may change.
_______________________________ (Seal)
                         - Borrower
WENDY A. PARK`

// noteLOS is a Note as a loan origination system prints it: labelled
// header lines, a title OCR read with a zero, a 15-year term.
const noteLOS = `Loan #: 5512-0093                                                         Page 1 of 3
                                   N0TE
Date: 04/10/2026
Borrower: Juan C. Alvarez and Rosa Alvarez
Property Address: 901 Cactus Wren Ln, Tucson, AZ 85718
1. BORROWER'S PROMISE TO PAY
In return for a loan that I have received, I promise to pay U.S. $ 232,400.00 (this amount is called "Principal"), plus interest,
to the order of the Lender. The Lender is Saguaro Federal Credit Union. I will make all payments under this Note by check.
2. INTEREST
I will pay interest at a yearly rate of 7.125%.
3. PAYMENTS
I will make my monthly payment on the 1st day of each month beginning on June 1, 2026. If, on May 1, 2041, I still owe amounts under
this Note, I will pay those amounts in full on that date, which is called the "Maturity Date."
My monthly payment will be in the amount of U.S. $2,105.15.
4. BORROWER'S RIGHT TO PREPAY`

// statementWithOriginal is a periodic statement that prints the original
// amount, beside a balance, an amount due and one payment's parts.
const statementWithOriginal = `Cedar Valley Mortgage Servicing                                      Mortgage Statement
P.O. Box 9120, Dallas, TX 75201                                      Statement Date:   11/05/2026
Customer Service: 1-800-555-0199
                                                                     Account Number        0051207467
Daniel R. Okafor                                                     Payment Due Date      12/01/2026
Grace Okafor                                                         Amount Due            $2,431.22
1427 Juniper Ridge Rd                                                If payment is received after 12/16/2026, $88.49 late fee will be charged.
Boise, ID 83702

Account Information                                                  Explanation of Amount Due
Outstanding Principal        $272,118.40                             Principal                          $296.23
Interest Rate                6.500%                                  Interest                           $1,473.56
Prepayment Penalty           None                                    Escrow (for Taxes and Insurance)   $661.43
Original Loan Amount         $280,000.00                             Regular Monthly Payment            $2,431.22
Maturity Date                May 2056                                Total Fees Charged                 $0.00
Property Address             1427 Juniper Ridge Rd, Boise, ID 83702  Total Amount Due                   $2,431.22

Past Payments Breakdown        Paid Last Month    Paid Year to Date
Principal                      $294.63            $3,210.50
Interest                       $1,475.16          $16,255.40
Transaction Activity (10/06/2026 to 11/05/2026)
Date          Description                  Charges     Payments
10/28/2026    Payment Received                         $2,431.22`

// statementNoOriginal prints only the balance: the loan amount is left out.
const statementNoOriginal = `HARBOR POINT MORTGAGE
Monthly Billing Statement
Loan Number: HP-2026-004417                              Statement Date: December 5, 2026
MARIA T. GONZALEZ
CARLOS GONZALEZ
88 Harbor View Dr
Springfield, IL 62704
Payment Due Date            January 1, 2027
Total Amount Due            $4,120.55
Unpaid Principal Balance    $551,208.17
Current Interest Rate       6.500%
Escrow Balance              $3,120.00
Explanation of Amount Due
Principal                   $1,022.05
Interest                    $2,985.71
Escrow                      $612.79
Late Charges                $0.00
Total Amount Due            $4,120.55
Property Address: 88 Harbor View Dr, Springfield, IL 62704`

// statementMailer has the servicer's street address atop it and a mail
// endorsement over the addressee.
const statementMailer = `Summit Servicing Company, LLC                           Mortgage Statement
4000 Horizon Way, Irving, TX 75063
RETURN SERVICE REQUESTED                                 Statement Date   11/05/2026
Daniel R. Okafor                                         Loan Number   SS-0093-1182
1427 Juniper Ridge Rd                                    Amount Due   $2,431.22
Boise, ID 83702
Explanation of Amount Due
Interest Rate   6.500%`

func TestExtractLoanFileForms(t *testing.T) {
	tests := []struct {
		name string
		text string
		typ  pipeline.DocumentType
		want map[string]any // nil: absent
	}{
		{"2009 URLA", urla2009, pipeline.TypeLoanApplication, map[string]any{
			"loan_id": "HP-2026-004417", "borrower_name": "Daniel R. Okafor", "loan_amount_cents": int64(28000000),
			"lender_name": "Harbor Point Mortgage, LLC", "interest_rate_pct": 6.5, "term_months": 360, "monthly_payment_cents": int64(176979),
			"property_address": "1427 Juniper Ridge Rd, Boise, ID 83702", "apr_pct": nil, "issue_date": nil,
		}},
		{"2021 URLA", urla2021, pipeline.TypeLoanApplication, map[string]any{
			"loan_id": "HP2026004417", "borrower_name": "Priya L. Whitaker", "loan_amount_cents": int64(41250000),
			"interest_rate_pct": 6.25, "term_months": 360, "monthly_payment_cents": int64(253983),
			"property_address": "2290 Alder Creek Way, Fort Collins, CO 80525", "apr_pct": nil, "closing_costs_cents": nil,
		}},
		{"1008", summary1008, pipeline.TypeUnderwritingSummary, map[string]any{
			"loan_id": "HP-2026-004417", "borrower_name": "Daniel R. Okafor", "lender_name": "Harbor Point Mortgage, LLC",
			"loan_amount_cents": int64(28000000), "interest_rate_pct": 6.5, "term_months": 360, "monthly_payment_cents": int64(176979),
			"property_address": "1427 Juniper Ridge Rd, Boise, ID 83702", "issue_date": nil, "apr_pct": nil,
		}},
		{"1008 in a grid", summary1008Grid, pipeline.TypeUnderwritingSummary, map[string]any{
			"loan_id": "SR-88120", "borrower_name": "Priya L Whitaker", "lender_name": "Summit Ridge Home Lending, LLC",
			"loan_amount_cents": int64(41250000), "interest_rate_pct": 6.25, "term_months": 360, "monthly_payment_cents": int64(253983),
			"property_address": "2290 Alder Creek Way, Fort Collins, CO 80525",
		}},
		{"fixed rate Note", note3200, pipeline.TypePromissoryNote, map[string]any{
			"loan_id": "2026-0417-88", "borrower_name": "Maria T. Gonzalez", "lender_name": "Harbor Point Mortgage, LLC",
			"loan_amount_cents": int64(55500000), "interest_rate_pct": 6.5, "term_months": 360, "monthly_payment_cents": int64(350800),
			"issue_date": "2026-03-02", "property_address": "88 Harbor View Dr, Springfield, IL 62704", "apr_pct": nil,
		}},
		{"adjustable rate Note", noteARM, pipeline.TypePromissoryNote, map[string]any{
			"loan_id": nil, "borrower_name": "Wendy A. Park", "lender_name": "Pine Hill Savings Bank, N.A.",
			"loan_amount_cents": int64(37900000), "interest_rate_pct": 5.875, "term_months": 240, "monthly_payment_cents": int64(268801),
			"issue_date": "2026-06-15", "property_address": "6675 Union Cir, Raleigh, NC 27601",
		}},
		{"Note printed by an LOS", noteLOS, pipeline.TypePromissoryNote, map[string]any{
			"loan_id": "5512-0093", "borrower_name": "Juan C. Alvarez", "lender_name": "Saguaro Federal Credit Union",
			"loan_amount_cents": int64(23240000), "interest_rate_pct": 7.125, "term_months": 180, "monthly_payment_cents": int64(210515),
			"issue_date": "2026-04-10", "property_address": "901 Cactus Wren Ln, Tucson, AZ 85718",
		}},
		{
			"Note signature as OCR reads it", "NOTE\nIn return for a loan that I have received, I promise to pay U.S. $100,000.00\n(Seal)\n~ Borrower\nWENDY A: PARK",
			pipeline.TypePromissoryNote,
			map[string]any{"borrower_name": "Wendy A. Park", "loan_amount_cents": int64(10000000)},
		},
		{"statement with the original amount", statementWithOriginal, pipeline.TypeMortgageStatement, map[string]any{
			"loan_id": "0051207467", "borrower_name": "Daniel R. Okafor", "lender_name": "Cedar Valley Mortgage Servicing",
			"loan_amount_cents": int64(28000000), "interest_rate_pct": 6.5, "issue_date": "2026-11-05",
			"property_address": "1427 Juniper Ridge Rd, Boise, ID 83702", "monthly_payment_cents": nil, "closing_costs_cents": nil,
		}},
		{"statement mailed with an endorsement", statementMailer, pipeline.TypeMortgageStatement, map[string]any{
			"loan_id": "SS-0093-1182", "borrower_name": "Daniel R. Okafor", "lender_name": "Summit Servicing Company, LLC",
			"issue_date": "2026-11-05", "interest_rate_pct": 6.5, "loan_amount_cents": nil, "property_address": nil,
		}},
		{"statement without the original amount", statementNoOriginal, pipeline.TypeMortgageStatement, map[string]any{
			"loan_id": "HP-2026-004417", "borrower_name": "Maria T. Gonzalez", "lender_name": "Harbor Point Mortgage",
			"loan_amount_cents": nil, "interest_rate_pct": 6.5, "issue_date": "2026-12-05",
			"property_address": "88 Harbor View Dr, Springfield, IL 62704", "monthly_payment_cents": nil,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: tt.text}})
			if x.Type != tt.typ {
				t.Errorf("type %s; want %s", x.Type, tt.typ)
			}
			assertFields(t, x.Fields, tt.want)
		})
	}
}

// The figures a form prints that are not the loan's are never taken, in
// whatever order the form prints them.
func TestLoanFileFormDistractors(t *testing.T) {
	tests := []struct {
		name, text string
		field      string
		not        []any
	}{
		{"statement balance and amount due", statementNoOriginal, "loan_amount_cents", []any{int64(55120817), int64(412055), int64(102205), int64(298571)}},
		{"statement regular payment", statementWithOriginal, "monthly_payment_cents", []any{int64(243122)}},
		{"1003 agency case number", urla2009, "loan_id", []any{"FHA-5521-0093"}},
		{"2021 agency case number", urla2021, "loan_id", []any{"011-2233445-703"}},
		{"1003 co-borrower", urla2009, "borrower_name", []any{"Grace Okafor"}},
		{"2021 other borrower", urla2021, "borrower_name", []any{"Tanya Whitaker"}},
		{"2021 current address", urla2021, "property_address", []any{"88 Old Mill Rd, Loveland, CO 80537"}},
		{"1003 present housing expense", urla2009, "monthly_payment_cents", []any{int64(142000)}},
		{"1008 investor loan number", summary1008, "loan_id", []any{"4000912233", "771204"}},
		{"1008 grid investor loan number", summary1008Grid, "loan_id", []any{"FN-4477120"}},
		{"1008 co-borrower", summary1008, "borrower_name", []any{"Grace Okafor"}},
		{"1008 ratio", summary1008, "interest_rate_pct", []any{14.93, 80.0}},
		{"Note payment is not the amount", note3200, "loan_amount_cents", []any{int64(350800)}},
		{"Note late charge is not the rate", note3200, "interest_rate_pct", []any{5.0}},
		{"Note co-signer", note3200, "borrower_name", []any{"Carlos Gonzalez"}},
		{"Note MIN", note3200, "loan_id", []any{"1001234-0000004417-7"}},
		{"Note payment address", note3200, "property_address", []any{"40 Elm Ave, Dover, DE 19901"}},
		{"LOS Note co-borrower", noteLOS, "borrower_name", []any{"Rosa Alvarez"}},
		{"statement mail endorsement", statementMailer, "borrower_name", []any{"Return Service Requested"}},
		{"statement co-borrower", statementWithOriginal, "borrower_name", []any{"Grace Okafor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: tt.text}})
			got := pipelinetest.JSONMap(t, x.Fields)
			for _, n := range tt.not {
				if g, ok := got[tt.field]; ok && sameAny(g, n) {
					t.Errorf("%s took the distractor %v", tt.field, n)
				}
			}
		})
	}
}

// A form named in a sentence, a settlement or escrow statement, or a
// heading that merely says "Note:" is not one of the loan-file forms.
func TestClassifyLoanFileForms(t *testing.T) {
	commitment := `CARDINAL BANK & TRUST
Commitment Letter
March 9, 2026
Dear Ms. Park:
We are pleased to approve your loan. At closing you will sign the Note and the Mortgage.
After closing, see your monthly statement for payment details; your Mortgage Statement will come from our servicer.
Conditions:
1. A signed Uniform Residential Loan Application (Form 1003).
Fannie Mae Form 1003 signed by all borrowers
2. Our Uniform Underwriting and Transmittal Summary (Form 1008) must show the final figures.
NOTE: This commitment expires on April 30, 2026.
In return for the loan you will promise to pay us as the Note says.`
	estimate := `TWIN OAKS MORTGAGE
Loan Estimate
DATE ISSUED   3/9/2026
Loan Terms
Loan Amount   $250,000
NOTE
You will sign a Promissory Note at closing. Your first Mortgage Statement will show your payment.
LOAN ESTIMATE   PAGE 1 OF 3 • LOAN ID # 123456789`
	tests := []struct {
		name, text string
		want       pipeline.DocumentType
	}{
		{"commitment letter that mentions the Note, a statement and the 1003", commitment, pipeline.TypeCommitmentLetter},
		{"Loan Estimate that mentions the Note and a statement", estimate, pipeline.TypeLoanEstimate},
		{"HUD-1 settlement statement", "A. Settlement Statement (HUD-1)\nB. Type of Loan\nLoan Number   88-12\nAmount Due from Borrower", pipeline.TypeOther},
		{"HUD-1 rows that start like a statement's", "Settlement Statement\nAmount Due From Borrower   $1.00\nPayment Due Date of the first payment\nStatement Date\nPrincipal Balance of the new loan", pipeline.TypeOther},
		{"escrow statement", "Annual Escrow Account Disclosure Statement\nLoan Number   88-12\nStatement Date   01/02/2026", pipeline.TypeOther},
		{"letter pointing to a statement", "Dear Ms. Park:\nPlease see your monthly statement.\nMortgage Statement questions: call us.", pipeline.TypeOther},
		{"a lone NOTE heading is not a Note", "NOTE\nThe figures below are estimates only.\nLoan Amount   $200,000.00", pipeline.TypeOther},
		{"OCR-misread URLA title", "Uniform Residentia1 Loan App1ication\nI. TYPE OF MORTGAGE AND TERMS OF LOAN\nAmount   Interest Rate", pipeline.TypeLoanApplication},
		{"URLA by its footer and sections", "Section 1: Borrower Information.\nSection 4: Loan and Property Information.\nFreddie Mac Form 65 • Fannie Mae Form 1003\nEffective 1/2021", pipeline.TypeLoanApplication},
		{"1008 by its footer", "I. Borrower and Property Information\nII. Mortgage Information\nFannie Mae Form 1008 rev. 09/2017", pipeline.TypeUnderwritingSummary},
		{"Note without a readable title", "N0TF\nIn return for a loan that I have received, I promise to pay U.S. $100,000.00 (this amount is called \"Principal\")", pipeline.TypePromissoryNote},
		{"statement without a title", "Statement Date   11/05/2026\nPayment Due Date   12/01/2026\nAmount Due   $1,200.00\nExplanation of Amount Due\nPast Payments Breakdown", pipeline.TypeMortgageStatement},
		{"Note title read with a zero", "N0TE\n1. BORROWER'S PROMISE TO PAY\n4. BORROWER'S RIGHT TO PREPAY", pipeline.TypePromissoryNote},
		{"OCR-misread statement title", "Cedar Valley Bank\nMortgage Statemcnt\nStatement Date   11/05/2026", pipeline.TypeMortgageStatement},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classify([]pipeline.PageText{{Page: 1, Text: tt.text}}); got != tt.want {
				t.Errorf("classify = %s; want %s", got, tt.want)
			}
		})
	}
}

// A statement without the original amount is not marked for review for
// lacking it: the form does not print it. A Note's term worked out from
// its dates is consistent with its payment.
func TestLoanFileFormsReview(t *testing.T) {
	x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: statementNoOriginal}})
	if x.NeedsReview {
		t.Errorf("statement without an original amount needs review: %v", x.ReviewReasons)
	}
	if !strings.Contains(strings.Join(x.ReviewReasons, "; "), "no original loan amount on the statement") {
		t.Errorf("reasons %v do not say the amount is not printed", x.ReviewReasons)
	}
	for _, text := range []string{note3200, summary1008, urla2009} {
		x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: text}})
		if x.NeedsReview {
			t.Errorf("%s: a complete, consistent form needs review: %v", x.Type, x.ReviewReasons)
		}
	}
	// Without its loan number a Note asks for review, honestly.
	x = Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: noteARM}})
	if !x.NeedsReview || !strings.Contains(strings.Join(x.ReviewReasons, "; "), "no loan ID found") {
		t.Errorf("a Note without a loan number: review %v %v", x.NeedsReview, x.ReviewReasons)
	}
	_ = time.Now
}
