package extract

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"loanbatch/pipeline"
	"loanbatch/pipeline/pipelinetest"
)

// Layouts and wordings the generated set does not cover, as laid-out text.
func TestExtractFieldsWordings(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]any
	}{
		{
			"tight two columns with colons", "Borrower: Ann Marie Lee  Lender: Granite State Bank\nLoan No.: 77-1902",
			map[string]any{"borrower_name": "Ann Marie Lee", "lender_name": "Granite State Bank", "loan_id": "77-1902"},
		},
		{
			"term as bare months", "Loan Number   A11902\nTerm (months)   360\nNote Amount   $95,000.00",
			map[string]any{"term_months": 360, "loan_amount_cents": int64(9500000)},
		},
		{
			"money with currency after", "Loan Number   A11902\nLoan Amount:   250,000.00 USD",
			map[string]any{"loan_amount_cents": int64(25000000)},
		},
		{
			"labels parted or ended by a speck read as a stop or a comma",
			"APPLICANTS,      Maria T. Gonzalez\nLoan Amount   $250,000.00\nInterest Rate   6.875%\nLoan Term   30 years\nMonthly Principal. & Interest      $1,642.32",
			map[string]any{"borrower_name": "Maria T. Gonzalez", "monthly_payment_cents": int64(164232)},
		},
		{
			"OCR's marks in names and addresses",
			"Borrower                  Patrick A, Patel             Originating Lender   Meridian Crest Savings Bank\n" +
				"Premises   8991 Bramble.Pkwy, Baton Rouge, LA 70802\nLoan Amt   $664,000.00",
			map[string]any{"borrower_name": "Patrick A. Patel", "property_address": "8991 Bramble Pkwy, Baton Rouge, LA 70802"},
		},
		{
			"an ID whose first letter OCR read as marks", "Loan Reference: — [.N-2024-133659\nLoan Amount   $90,000.00",
			map[string]any{"loan_id": nil},
		},
		{
			"a speck read as letters between a label and its figure", "Loan #  A-55\nNote Rate:       Bo             7.000 %\nBorrower:   Bo   Lee",
			map[string]any{"interest_rate_pct": 7.0, "borrower_name": nil},
		},
		{
			"specks read as words between a label and its figure", "Loan #  A-55\nTotal Closing Costs: Soa   science   eR   $32,164.00\n" +
				"Monthly Principal & Interest   See Projected Payments below for your Estimated Total Monthly Payment   $1,642.32",
			map[string]any{"closing_costs_cents": int64(3216400), "monthly_payment_cents": nil},
		},
		{
			"a label's words are no specks", "Loan #  A-55\nPrincipal   Interest   $2,788.22\nInt. Rate   6.500%",
			map[string]any{"loan_amount_cents": nil, "interest_rate_pct": 6.5},
		},
		{
			"a speck read as letters before a figure in its cell", "Loan #  A-55\nLocked Rate       Sl 7.0000%\nTerm    Z 30 yrs",
			map[string]any{"interest_rate_pct": 7.0, "term_months": 360},
		},
		{
			"a wrapped sentence's last word is no label",
			"Loan Number:   788809434250\n ANNUAL PERCENTAGE RATE        FINANCE CHARGE\n The cost of your credit as a yearly   The dollar amount\n" +
				"           rate.                   cost you.\n\n        7.451%                 $80,824.14",
			map[string]any{"interest_rate_pct": nil, "apr_pct": 7.451},
		},
		{
			"letters OCR read as digits or e, a stop after the state",
			"Ol3 Mill Bank & Trust\nLender:   Old Mill Mortgage, Ine\nLoan #  A-55\nProperty:   4263 Riverside Cir., Springfield, IL. 62706\nBorrower:   Ann B0yd",
			map[string]any{"lender_name": "Old Mill Mortgage, Inc", "property_address": "4263 Riverside Cir., Springfield, IL 62706", "borrower_name": nil},
		},
		{
			"cash to close in the amount of is no loan amount", "Loan No. LN-2025-588482\nAmount of Loan:   US$590),527.00\n" +
				"Borrower to bring cash to close in the amount of US$84,783.00 in certified funds.\nLocked Interest Rate   7.125%",
			map[string]any{"loan_amount_cents": nil, "interest_rate_pct": 7.125},
		},
		{
			"a loan in the amount of", "Loan No. LN-2025-588482\nWe have approved your loan request in the amount of $250,000.00, subject to",
			map[string]any{"loan_amount_cents": int64(25000000)},
		},
		{
			"an address's city line set off its street's column",
			"LOAN #   2024-3621-59\n SUBJECT PROPERTY 8445 Newport Ct Apt 2A                         LOAN #             2024-3621-59\n" +
				"                       Little Rock, AR 72202\n",
			map[string]any{"property_address": "8445 Newport Ct Apt 2A, Little Rock, AR 72202"},
		},
		{
			"a logo read as an item letter before the letterhead",
			"  A) Whitestone Savings Bank, FSB\n     19616 Hillcrest Trl. Suite 642, Ann Arbor, MI 48109\n\n        Fees Worksheet\nOur File No.:   3630787577\nAmount of Loan:   US$433,815.00",
			map[string]any{"lender_name": "Whitestone Savings Bank, FSB"},
		},
		{
			"a logo read as a bracketed item letter before the letterhead",
			"  (A) Keystone Valley Mortgage, Inc.\n     183 SW Madison Pkwy. Suite 190, Reno, NV 89509\n\n        Closing Cost Worksheet\nBorrower(s):   Jamal Sandoval\nLoan Number:   5550001",
			map[string]any{"lender_name": "Keystone Valley Mortgage, Inc"},
		},
		{
			"a printout's marks before its figures, P&I read as Pal",
			"LOAN NO:         PA2026103165          APR            > 5.899\nLOAN AMOUNT     = 181,000.00\nPal PMT          1,478.92\nNOTE RATE         5.5000\nTERM (MOS):      180 mos.",
			map[string]any{"apr_pct": 5.899, "monthly_payment_cents": int64(147892)},
		},
		{
			"bullets as OCR reads them",
			"Hello Beatrice,\n e    Loan amount: $490,300\n e    Rate: 7.875%\ne   = APR: 8.612%\ne    Term: 25 Years\ne — Estimated closing costs: $10,538.05",
			map[string]any{"apr_pct": 8.612, "closing_costs_cents": int64(1053805), "interest_rate_pct": 7.875},
		},
		{
			"a letter's justified lines",
			"your application for a 30-year fixed mortgage of US$242,400.00 has been approved.\n" +
				"The loan carries an interest rate of 6.875 percent and an annual percentage\n" +
				"rate of 7.127 percent, and it will be secured by your home.\n" +
				"Your   monthly   principal   and   interest   payment   will   be   US$1,592.40,   plus\n" +
				"Please reference loan number 942115100 in all correspondence.",
			map[string]any{"interest_rate_pct": 6.875, "apr_pct": 7.127, "monthly_payment_cents": int64(159240), "loan_amount_cents": int64(24240000)},
		},
		{
			"a mark OCR read before an address", "File No.:   LN-2024-351204\nSubject Property: § 21519 Fairmont Pkwy, Omaha, NE 68102",
			map[string]any{"property_address": "21519 Fairmont Pkwy, Omaha, NE 68102"},
		},
		{
			"Pl read as Fl ends a street; a floor keeps its number",
			"File No.:   LN-2024-351204\nProperty:   3666 Chestnut Fl, Providence, RI 02904\nLender Address:   12 Main St Fl 5, Boston, MA 02110",
			map[string]any{"property_address": "3666 Chestnut Pl, Providence, RI 02904"},
		},
		{
			"a printout's PI PAYMENT", "LOAN NO           : H6856781        PROGRAM           : 30 YR FIXED FHA\nCO-BORR           : NONE            PI PAYMENT        : 3,248.35        LOCK EXP          : 04/09/2024",
			map[string]any{"monthly_payment_cents": int64(324835)},
		},
		{
			"a fax header is no addressee",
			"      FROM: LIGHTHOUSE RANK\n\n          Lighthouse Bank & Trust\n     40 Elm Ct.   Oklahoma City, OK 73104\n\n09-15-2025\n\n" +
				"Stephen P. Westbrook\n404 Orchard Court #501\nSpringfield, IL 62705\n\nDear Borrower(s):\n\nWe are pleased to approve your request for a $260,720 20-year fixed loan at 7.625%.",
			map[string]any{"borrower_name": "Stephen P. Westbrook"},
		},
		{
			"a lender's name wrapped in the cell beside its label",
			"Loan ID #     743821995158\n          Property         88 Parkside Way                               Mesa, AZ 85203\n" +
				"                           Fort Wayne, IN 46803            Lender        Mountain Laurel Federal Credit\n" +
				"          Sale Price       $484,250                                      Union\n",
			map[string]any{"lender_name": "Mountain Laurel Federal Credit Union"},
		},
		{
			"a wrapped 'Additional / Borrower' label and a form's row are no borrower",
			"         Application ID        0078443478                        Date Prepared         1/20/2025\n" +
				"         Customer              Lucia P. Forsythe                 Additional            Lucia Forsythe\n" +
				"                                                                 Borrower\n" +
				"         Lending Institution   Foxhaven Home Lending, LLC        Principal Amount      US$290,030.00\n" +
				"         Loan Program          Conventional Fixed                Purchase Price        US$299,000.00\n",
			map[string]any{"borrower_name": "Lucia P. Forsythe"},
		},
		{
			"a speck read as a colon after a name", "Our File No.   386837 1801\nPrimary Borrower                   TERESA R. HOLLOWAY:\nCreditor   Tidewater Savings Bank, FSB",
			map[string]any{"borrower_name": "Teresa R. Holloway"},
		},
		{
			"US$ read as USS$", "Please reference loan number 942115100.\nClosing costs are estimated\nat USS$15,990.00,   and you should plan",
			map[string]any{"closing_costs_cents": int64(1599000)},
		},
		{
			"a generational suffix read with small l", "Applicant:   Ethan S. Schaefer Ill\nLoan #  A-55\nLoan Amount   $90,000.00",
			map[string]any{"borrower_name": "Ethan S. Schaefer III"},
		},
		{
			"a letterhead spaced wide", "       Clearwater           Financial          Services,          LLC\n\nReference No.: N8914190\nLoan Amount   $90,000.00",
			map[string]any{"lender_name": "Clearwater Financial Services, LLC"},
		},
		{
			"a wrapped label's first line is no name", "Loan No.   0087444500\nBorrower   Patrick A\nAnnual Percentage   8.152%\nRate\nLoan Amt   $664,000.00",
			map[string]any{"borrower_name": nil},
		},
		{
			"single-word headings stay apart", "Loan #  A-55\nTitle   Company\nLoan Amount   $90,000.00",
			map[string]any{"lender_name": nil},
		},
		{"day-first date", "Loan Number   A11902\nDate Issued   14.03.2026", map[string]any{"issue_date": "2026-03-14"}},
		{"dashed date", "Loan Number   A11902\nDated:   14-Mar-2026", map[string]any{"issue_date": "2026-03-14"}},
		{
			"installment and settlement charges", "Loan #  A-55\nMonthly Installment   $1,234.56\nTotal Settlement Charges   $4,100.00",
			map[string]any{"monthly_payment_cents": int64(123456), "closing_costs_cents": int64(410000)},
		},
		{
			"rate without a percent sign, lender with LLC", "Summit Ridge Home Lending, LLC\nLoan #  A-55\nInterest Rate:   6.375\nAPR:   6.512",
			map[string]any{"interest_rate_pct": 6.375, "apr_pct": 6.512, "lender_name": "Summit Ridge Home Lending, LLC"},
		},
		{"placeholder loan ID", "LOAN ID #   0000000000\nLoan Amount   $100,000", map[string]any{"loan_amount_cents": int64(10000000), "loan_id": nil}},
		{
			"sentence after a label is not a value", "Closing Costs   Includes $5,877.00 in Loan Costs\nLoan #  A-55",
			map[string]any{"closing_costs_cents": nil},
		},
		{
			"letter: addressee atop an address block, lender signs",
			"                 Pine Hill Savings Bank\n                 40 Elm Ave, Dover, DE 19901\n\n   April 3, 2026\n\n" +
				"   Wendy A. Park\n   Marcus Park\n   12 Oak St\n   Springfield, IL 62704\n\n   Dear Ms. Park:\n" +
				"   We are pleased to approve your request for a $245,000.00 30-year fixed loan at 6.25% (6.412% APR).\n" +
				"   Sincerely,\n\n   Jo Lee\n   Loan Officer\n   Pine Hill Savings Bank",
			map[string]any{
				"borrower_name": "Wendy A. Park", "lender_name": "Pine Hill Savings Bank", "loan_amount_cents": int64(24500000),
				"interest_rate_pct": 6.25, "apr_pct": 6.412, "term_months": 360, "issue_date": "2026-04-03",
			},
		},
		{
			"e-mail: the recipient is the borrower, the company signing is the lender",
			"From: Jo Lee <jo@example.com>\nSent: Wednesday, June 17, 2026 7:30 AM\nTo: Chloe Nystrom <c@example.com>\n" +
				"Subject: Your loan\n\n   Loan amount: USD 746,000\n\nRegards,\nJo Lee\nLoan Officer | NMLS #399228\nOld Mill Mortgage Company",
			map[string]any{
				"borrower_name": "Chloe Nystrom", "lender_name": "Old Mill Mortgage Company", "issue_date": "2026-06-17",
				"loan_amount_cents": int64(74600000),
			},
		},
		{
			"e-mail: an informal sign-off, the loan ID only in the subject, the amount approved in prose",
			"From: Jo Lee <jo@example.com>\nTo: Chloe Nystrom <c@example.com>\nSubject: Your loan terms - MTG-11768290\n\n" +
				"Hi Chloe,\n\nYou are approved for $229,000.00 at 7.750% (7.973% APR).\n\nTalk soon,\n\nJo Lee\nLoan Officer | NMLS #1\nStonebridge Savings Bank",
			map[string]any{"loan_id": "MTG-11768290", "loan_amount_cents": int64(22900000), "lender_name": "Stonebridge Savings Bank"},
		},
		{
			"e-mail: a loan ID with letters and two groups of digits only in the subject",
			"From: Robert Haddad <r@example.com>\nTo: Alicia Moreau <a@example.com>\nSubject: Your loan terms - LN-2023-606443\n\nHello Alicia,\n\nLoan amount - $192,000.00",
			map[string]any{"loan_id": "LN-2023-606443"},
		},
		{
			"a sentence starting with Thanks is not a sign-off",
			strings.Repeat("The rate is unchanged.\n", 12) + "Thanks for the update.\nOld Mill Mortgage Company\nLoan #   A-55",
			map[string]any{"lender_name": nil},
		},
		{
			"OCR: label words hyphenated, doubled colon, junk between label and value",
			"Loan No. 2370431572\nApplicant::                       Jasmine E. Kendrick\nA.P.R.:              =.    5.36%\n" +
				"Date-Prepared:     1/2/2026\nPrincipal and Interest Payment: ] US$1,755.26",
			map[string]any{
				"borrower_name": "Jasmine E. Kendrick", "apr_pct": 5.36, "issue_date": "2026-01-02",
				"monthly_payment_cents": int64(175526), "loan_id": "2370431572",
			},
		},
		{
			"OCR: a space inside a loan ID, the dashed reading outvotes the joined one",
			"LOAN ID # 7527 546-176\nLOAN ID # 7527-546-176\nLOAN ID # 7527 546-176\nLOAN ID # 7527-546-176\nLoan Amount  $100,000.00",
			map[string]any{"loan_id": "7527-546-176"},
		},
		{"OCR: digits of an ID split by a space", "Loan Number: LN-2026-732 139\nLoan Amount  $100,000.00", map[string]any{"loan_id": "LN-2026-732139"}},
		{
			"printout: a value run into the next column's label",
			"APP ID       : 246166238     PROGRAM      : 30 YR FIXED JUMB ISSUED      : 2024-05-20\n" +
				"PROP ADDR....: 70 OAK CIR, CHARLESTON, SC 29402\nRepayment Term:   360 months\nLOAN NO: 441424769418",
			map[string]any{"issue_date": "2024-05-20", "property_address": "70 OAK CIR, CHARLESTON, SC 29402", "term_months": 360, "loan_id": "441424769418"},
		},
		{
			"a label wrapped in a narrow cell, the value beside its first line",
			"Loan Number   8526-272-050     Rate   5.3750%       Annual Percentage     5.62%\n" +
				"                                                    Rate\n" +
				"Loan Term     25 years                              Principal and         US$1,961.53\n" +
				"                                                    Interest Payment\n",
			map[string]any{"apr_pct": 5.62, "monthly_payment_cents": int64(196153), "interest_rate_pct": 5.375},
		},
		{
			"a label wrapped after its ampersand",
			"Loan Number   8526-272-050\nMonthly Principal &     $1,887.21       Loan Program   VA Fixed\nInterest\n",
			map[string]any{"monthly_payment_cents": int64(188721)},
		},
		{
			"a value alone under its label, an address of ten words, a document date",
			"Reference No.        Document Date\n MTG-23891201        May 8, 2026\n\nProperty Address\n 24078 Meadow Road Unit 17, Salt Lake City, UT 84114",
			map[string]any{"issue_date": "2026-05-08", "property_address": "24078 Meadow Road Unit 17, Salt Lake City, UT 84114"},
		},
		{
			"OCR: a space after a thousands comma, a month glued to its day, a month's first letters lost",
			"Loan #  A-55\nBase Loan Amount:    US$275, 100.00\nDate Issued: JANUARY16, 2024",
			map[string]any{"loan_amount_cents": int64(27510000), "issue_date": "2024-01-16"},
		},
		{"OCR: a month's first letters lost", "Loan #  A-55\nDate Issued     tober 27, 2025", map[string]any{"issue_date": "2025-10-27"}},
		{"OCR: a note rate of 1 % is a misread", "Loan #  A-55\nRate:        1%\nLoan Amount  $100,000.00", map[string]any{"interest_rate_pct": nil}},
		{
			"OCR: a 7 % read as 1 %, proven by the payment",
			"Loan #  A-55\nNote Rate:        1%\nLoan Amount  $100,000.00\nLoan Term   360 months\nMonthly Principal & Interest   $665.30",
			map[string]any{"interest_rate_pct": 7.0, "monthly_payment_cents": int64(66530)},
		},
		{
			"OCR: a 7.125 % read as 1.125 %, proven by the payment; the rate after it is a price",
			"Loan #  A-55\nNote Rate:        1.125%\nLoan Amount  $250,000.00\nTerm   30 years\nP&I Payment   $1,684.30\nPrice Rate: 8.05%",
			map[string]any{"interest_rate_pct": 7.125},
		},
		{"OCR: a note rate under 2 % that no payment proves", "Loan #  A-55\nRate:        1.5%\nLoan Amount  $100,000.00", map[string]any{"interest_rate_pct": nil}},
		{
			"a note rate under 2 % that the payment proves is kept",
			"Loan #  A-55\nNote Rate:        1.5%\nLoan Amount  $250,000.00\nLoan Term   180 months\nMonthly Principal & Interest   $1,551.86",
			map[string]any{"interest_rate_pct": 1.5},
		},
		{
			"a payee under a Lender column cell is not the lender",
			"Loan #  A-55\nDescription of Charges          Paid to          Amount\n   Appraisal Fee             Lender           $650.00\n   Title Search              Third Pariy      $675.00",
			map[string]any{"lender_name": nil},
		},
		{"OCR: a letterhead's capital I read as l", "lronwood Federal Credit Union\n19865 Jefferson Trail, Plano, TX 75082\n\nRate Lock Confirmation\nLoan Number:   5373652448", map[string]any{"lender_name": "Ironwood Federal Credit Union"}},
		{"OCR: a borrower's capital I read as l", "Loan #  A-55\nBorrower:   lsabel M. Ortiz", map[string]any{"borrower_name": "Isabel M. Ortiz"}},
		{"OCR: an ID read twice, once with a speck in it", "Reference No. F.J2023111580     Page 2\n\nReference No. FJ2023111580     Page 3", map[string]any{"loan_id": "FJ2023111580"}},
		{
			"a letterhead's town and a date under it are no inside address",
			"                 GREAT LAKES HOME LOANS\n                618 NE Union Trl Suite 835\n                Salt Lake City, UT 84111\n                Tel. (411) 799-6895\n\nCONDITIONAL LOAN APPROVAL\n17 June 2024\n\nRussell Patel\n32 Foxglove Rd.\nBend, OR 97703\n\nFile #: 877094118535",
			map[string]any{"borrower_name": "Russell Patel"},
		},
		{
			"a lender's name wrapped after its comma",
			"Ref #                LN-2023-187539                 Issue Date           20 October 2025\nApplicant            Brandon Yilmaz                 Lending Institution   Silver Birch Financial Services,\n                                                                          LLC\nPrincipal Amount     $367,425                       Int. Rate            6.375%",
			map[string]any{"lender_name": "Silver Birch Financial Services, LLC", "loan_amount_cents": int64(36742500)},
		},
		{
			"OCR: a speck read as a digit before the APR, P&I read with an accent",
			"LOAN NUMBER:      0088891480\nAPR              2 6.23          LO NMLS:   407929\nNOTE RATE:        2: 5.599%\nPé&l:             2,069.02\nLOAN AMOUNT:      251,600.00",
			map[string]any{"apr_pct": 6.23, "interest_rate_pct": 5.599, "monthly_payment_cents": int64(206902)},
		},
		{
			"OCR: a printout's colons read as a digit and a colon",
			"LOAN NUMBER:         2025-7516-97\nLOAN AMT           2: 360,100.00\nPI PAYMENT         3: 2,099.16\nTOT CLOSING COSTS:   11, 488.00",
			map[string]any{"loan_amount_cents": int64(36010000), "monthly_payment_cents": int64(209916), "closing_costs_cents": int64(1148800)},
		},
		{"a digit before a loan amount is no speck", "Loan #  A-55\nLoan Amount:   2 51,600.00", map[string]any{"loan_amount_cents": nil}},
		{
			"a label wrapped in its cell with its value run into the first line",
			"Loan Number            384102482034\nRepayment Term         360 months                        Monthly Principal and $ 1,617.39\n                                                         Interest\nLoan Program           VA 30-Year Fixed                  Purchase Price         $ 235,000.00",
			map[string]any{"monthly_payment_cents": int64(161739), "term_months": 360},
		},
		{
			"OCR: a stop before the percent sign, a speck after a date label",
			"Loan Number 998813512                 Page2\nAnnual Percentage Rate (APR): 6.704.%\nDate Issued: °                  07-15-2024",
			map[string]any{"loan_id": "998813512", "apr_pct": 6.704, "issue_date": "2024-07-15"},
		},
		{"a date of birth is no issue date", "Loan #  A-55\nDate of Birth    01/02/1980", map[string]any{"issue_date": nil}},
		{"OCR: specks in a credit union's name", "Loan #  A-55\nLender:        Cardinal Federal‘Credit, Union", map[string]any{"lender_name": "Cardinal Federal Credit Union"}},
		{"OCR: a stop for the comma before the state, on the line under the street", "Loan #  A-55\nProperty:   1079 W Juniper Street\n            Tampa. FL 33610-7012", map[string]any{"property_address": "1079 W Juniper Street, Tampa, FL 33610-7012"}},
		{"OCR: a road read as Rad", "Loan #  A-55\nProperty:   80 N Red Fox Rad, Hartford, CT 06111", map[string]any{"property_address": "80 N Red Fox Rd, Hartford, CT 06111"}},
		{
			"a letterhead spaced wide over two or three cells",
			"   Sagebrush Mortgage          Company\n   12 Main St, Boise, ID 83702\n\nLoan Number:   5550001",
			map[string]any{"lender_name": "Sagebrush Mortgage Company"},
		},
		{
			"a letterhead in capitals spaced wide, its last cell two words",
			"        RIVERBEND          FEDERAL        CREDIT UNION\n   12 Main St, Boise, ID 83702\n\nLoan Number:   5550001",
			map[string]any{"lender_name": "Riverbend Federal Credit Union"},
		},
		{"a company's name that is only a lender's last words is no name", "        CREDIT UNION\n   12 Main St, Boise, ID 83702\n\nLoan Number:   5550001", map[string]any{"lender_name": nil}},
		{"OCR: a small l read as a bracket in a name", "Loan #  A-55\nBorrower:   Monica Pear] Tanaka", map[string]any{"borrower_name": "Monica Pearl Tanaka"}},
		{"OCR: a small l read as an exclamation mark in a lender's name", "Loan #  A-55\nLender:   Mountain Laure! Federal Credit Union", map[string]any{"lender_name": "Mountain Laurel Federal Credit Union"}},
		{"a co-applicant heading beside the borrower's label is no name", "Loan #  A-55\nBorrower                                               OO Co-Applicant           7", map[string]any{"borrower_name": nil}},
		{
			"e-mail: a loan number of digits only in the subject",
			"From: Rebecca Lindqvist <r@example.com>\nTo: Victor Carrington <v@example.com>\nSubject: Your loan terms - 3522226983\n\nHello Victor,\nLoan amount - $493,840.00",
			map[string]any{"loan_id": "3522226983"},
		},
		{"OCR: a state code with a small l", "Loan #  A-55\nProperty:   12 Bay St, Providence, Rl 02911", map[string]any{"property_address": "12 Bay St, Providence, RI 02911"}},
		{"OCR: a state code with a small l, on the line under", "Loan #  A-55\nProperty:   12 Oak Ave\n            Springfield, lL 62704", map[string]any{"property_address": "12 Oak Ave, Springfield, IL 62704"}},
		{"OCR: a state code in a sentence", "Loan #  A-55\nThe property at 3929 Fairmont Ln., Providence, Rl 02911 is scheduled to close on 09-10-2024.", map[string]any{"property_address": "3929 Fairmont Ln., Providence, RI 02911"}},
		{"two marks that are no state stay", "Loan #  A-55\nProperty:   12 Bay St, Providence, Nl 02911", map[string]any{"property_address": nil}},
		{"a word of an address split by the text layer", "Loan #  A-55\nProperty:   643 Prairie Wa y, Austin, TX 78704", map[string]any{"property_address": "643 Prairie Way, Austin, TX 78704"}},
		{
			"OCR: a term the amount, rate and payment contradict gives way to theirs",
			"Loan #  A-55\nLoan Amount   $300,000.00\nInterest Rate   6.500%\nTerm   460 months\nMonthly P&I   $1,896.20",
			map[string]any{"term_months": 360},
		},
		{"OCR: a term of no whole years that nothing confirms", "Loan #  A-55\nTerm   460 months\nLoan Amount  $100,000.00", map[string]any{"term_months": nil}},
		{
			"a letter's party defined as the Lender, a letterhead spaced wide after its ampersand",
			"          IRONWOOD BANK &            TRUST\n\nRe: Commitment No. 330914252\n\nWe are pleased to inform you that your application has been\n" +
				"approved, and Harbor Point Bank & Trust (the \"Lender\") hereby commits to make a loan to you.",
			map[string]any{"lender_name": "Harbor Point Bank & Trust"},
		},
		{"a letterhead spaced wide after its ampersand", "          IRONWOOD BANK &            TRUST\nLoan #  A-55", map[string]any{"lender_name": "Ironwood Bank & Trust"}},
		{"OCR: a name cut after its initial is no name", "Loan #  A-55\nBorrower(s):   Hannah L. Sullivan: Megan P Sullivan", map[string]any{"borrower_name": nil}},
		{"OCR: a doubled stop in a name", "Loan #  A-55\nBorrower Name   Mei L.. Pemberton", map[string]any{"borrower_name": "Mei L. Pemberton"}},
		{"OCR: an ID whose end was lost to a mark", "Loan Number:   LN-2024-7!\nLoan Amount  $100,000.00", map[string]any{"loan_id": nil}},
		{"OCR: a stop for the comma before the state", "Loan #  A-55\nProperty Address   4245 Deer Hollow Dr, Wichita. KS 67204", map[string]any{"property_address": "4245 Deer Hollow Dr, Wichita, KS 67204"}},
		{
			"a fees table's payee column is no label",
			"Loan #  A-55\n" + strings.Repeat("Estimate of the charges you are likely to incur.\n", 10) +
				"Description of Charges          Paid to          Amount\n   Underwriting Fee          Lender           $1,255.00\n" +
				"   Flood Monitoring Fee      Harbor Point Bank   $36.00\n   Appraisal Fee             Lender           $740.00",
			map[string]any{"lender_name": nil},
		},
		{"OCR: a logo read as two letters before a name in capitals", "Qo IRONWOOD MORTGAGE COMPANY\nLoan #  A-55", map[string]any{"lender_name": "Ironwood Mortgage Company"}},
		{"a label under a label is no name", "Loan #  A-55\nBORROWER\nCREDIT SCORE    746", map[string]any{"borrower_name": nil}},
		{
			"a pre-approval's maximum loan amount and estimated rate; the purchase price is no loan",
			"Loan #  A-55\nMaximum Loan Amount ......... $371,400\nMaximum Purchase Price ....... $495,250\nEstimated Interest Rate:     4.875%",
			map[string]any{"loan_amount_cents": int64(37140000), "interest_rate_pct": 4.875},
		},
		{"OCR: N.A. read with other marks before a colon", "Loan #  A-55\nOriginating Lender:   Bluestem Bank, N:A-:", map[string]any{"lender_name": "Bluestem Bank, N.A"}},
		{"OCR: noise in small letters inside a name", "Loan #  A-55\nLender:   First ponccaercas Financial", map[string]any{"lender_name": nil}},
		{"a name's particles stay", "Loan #  A-55\nBorrower:   Maria de la Cruz\nLender:   Bank of the West", map[string]any{"borrower_name": "Maria de la Cruz", "lender_name": "Bank of the West"}},
		{
			"an ID cut short at a page's edge gives way to its whole under another label",
			"Property   149 Aspen Trail #198      LOAN NO.   237086017972\nLOAN ESTIMATE     PAGE 1 OF 3    LOAN ID # 23708601",
			map[string]any{"loan_id": "237086017972"},
		},
		{"a letterhead spaced wide after its comma", "          BRIDGEWATER LENDING GROUP,           INC.\nLoan #  A-55", map[string]any{"lender_name": "Bridgewater Lending Group, Inc"}},
		{
			"a lender's name wrapped in its cell",
			"Loan #  A-55\n              Lender                      Settlement Agent\n   Name       Cornerstone Plains          Keystone Land Title\n" +
				"              Community Bank, N.A.        Inc.\n",
			map[string]any{"lender_name": "Cornerstone Plains Community Bank, N.A"},
		},
		{"OCR: i for l in a street type", "Loan #  A-55\nProperty:   360 Mesa Tri., Denver, CO 80211", map[string]any{"property_address": "360 Mesa Trl., Denver, CO 80211"}},
		{
			"another row's figure taken for a payment the amortization refutes",
			"Loan #  A-55\nLoan Amount   $600,000.00\nInterest Rate   6.500%\nTerm   360 months\nPrincipal and Interest Payment\nTaxes & Insurance   $971.16",
			map[string]any{"monthly_payment_cents": nil, "loan_amount_cents": int64(60000000)},
		},
		{
			"an interest-only payment far below the amortized one stays",
			"Loan #  A-55\nLoan Amount   $600,000.00\nInterest Rate   6.500%\nTerm   120 months\nMonthly Payment   $3,250.00",
			map[string]any{"monthly_payment_cents": int64(325000)},
		},
		{"possessive after a label is not a value", "Lender’s Attorney Fee   $400\nLoan #  A-55", map[string]any{"lender_name": nil}},
		{
			"LOS printout: dot leaders, columns one space apart, LAST, FIRST, money without a currency",
			"COMPANY: GRANITE STATE BANK\nBORR NAME.........: WHITAKER, PRIYA L\n" +
				"CO-BORROWER.......: WHITAKER, TANYA P&I PMT...........: 4,071.72\nLN NBR............: 0051207467\n" +
				"NOTE AMT..........: 510,675.00",
			map[string]any{
				"borrower_name": "Priya L Whitaker", "lender_name": "Granite State Bank", "monthly_payment_cents": int64(407172),
				"loan_id": "0051207467", "loan_amount_cents": int64(51067500),
			},
		},
		{
			"promissory note: the amount is only in prose",
			"NOTE\nLoan Number: 88-1203\n1. BORROWER'S PROMISE TO PAY\nIn return for a loan that I have received, I promise to pay U.S. $ 555,000.00 (this amount is called \"Principal\")",
			map[string]any{"loan_amount_cents": int64(55500000)},
		},
		{
			"box description between a label and its value",
			"Loan Number:   XH-2026-1\n\n   ANNUAL PERCENTAGE RATE           Amount Financed\n   The cost of your credit          The amount of credit\n" +
				"   as a yearly rate.                provided to you.\n\n        7.14%                         $481,425.00",
			map[string]any{"apr_pct": 7.14, "loan_amount_cents": nil},
		},
		{
			"a heading or a label is not a name, a title company is not the lender",
			"Borrower Summary Sheet\nLoan # A-55\nOriginating Lender     File No.\nFile No.               A-55\n" +
				"Description      Paid to\nLender\n                 Keystone Land Title",
			map[string]any{"borrower_name": nil, "lender_name": nil},
		},
		{
			"the figures that agree win over the preferred label",
			"Loan #  A-55\nInterest Rate   8.05%\nNote Rate   7.875%\nLoan Amount   $300,000.00\nLoan Term   360 months\n" +
				"Monthly P&I   $2,175.21\nAPR   7.912%",
			map[string]any{"interest_rate_pct": 7.875, "monthly_payment_cents": int64(217521), "apr_pct": 7.912},
		},
		{
			"a truncated copy of the loan ID gives way to the whole; a logo's mark before the letterhead",
			"@ BLUESTEM LENDING GROUP, INC.\n06/20/26, 10:20 AM   Outlook - Re: Your loan (Loan #2023-13\nRe: Your loan (Loan #2023-1360-68)\n" +
				"We have approved a loan of $379,000 to purchase 6675 Union Cir, Raleigh, NC 27601.\nPremises   4230 Whitmore Place, Burlington, VT 05409",
			map[string]any{
				"loan_id": "2023-1360-68", "lender_name": "Bluestem Lending Group, Inc", "loan_amount_cents": int64(37900000),
				"property_address": "4230 Whitmore Place, Burlington, VT 05409",
			},
		},
		{
			"a truncated copy of the loan ID gives way to the whole that OCR split with a space",
			"01/05/25, 7:42 AM   Gmail - Re: Updated Loan Estimate (Loan #MK20261\nRe: Updated Loan Estimate (Loan #MK2026104495)\n" +
				"From: Andre Harrington\nSubject: Re: Updated Loan Estimate (Loan #MK20261 04495)",
			map[string]any{"loan_id": "MK2026104495"},
		},
		{
			"a lender's name wrapped in its cell before its legal form",
			"Our File No.          HE2025082202\n" +
				"Lending Institution   Cornerstone Plains Mortgage     Base Loan Amount      $ 193,900.00\n" +
				"                      Company, Inc.\n" +
				"Servicer              Keystone Home Loans",
			map[string]any{"lender_name": "Cornerstone Plains Mortgage Company, Inc"},
		},
		{
			"a lender's name under its label, wrapped before its legal form",
			"Loan Data Sheet\nRef #   0067623122\n\nCreditor                                      Document Date\n" +
				" Keystone Valley Financial Services,           April 24, 2024\n LLC\n",
			map[string]any{"lender_name": "Keystone Valley Financial Services, LLC"},
		},
		{
			"a lender's name over another name in its column",
			"Our File No.          HE2025082202\n" +
				"Lender                Harbor Mortgage                 Rate   7.75%\n" +
				"                      Trust Bank of Ohio",
			map[string]any{"lender_name": "Harbor Mortgage"},
		},
		{
			"a surname with its suffix before the first name",
			"LOAN NUMBER      1572701818\nBORR NAME.       INGRAM SR., VICTOR N    MO P&I:           2,446.07",
			map[string]any{"borrower_name": "Victor N Ingram Sr"},
		},
		{
			"a unit's number wrapped alone between the street and the city",
			"Loan ID #     X9017102\n" +
				"Property           33 W Madison Road Unit                Duluth, MN 55807\n" +
				"                   26                       Lender       Mountain Laurel Mortgage, Inc.\n" +
				"                   Fargo, ND 58103",
			map[string]any{"property_address": "33 W Madison Road Unit 26, Fargo, ND 58103"},
		},
		{
			"a printout's leader dots read as a digit before the loan number",
			"LOAN NO            2 236474903222           ISSUED:              2025-08-05\nBORROWER:            JENNINGS, CHLOE",
			map[string]any{"loan_id": "236474903222"},
		},
		{
			"a state code OCR cut to one letter, mended by its ZIP",
			"Loan #  A-55\nProperty Address: 7743 Lincoln Dr, Springfield, I. 62706\nPremises: 12 Oak St, Dover, M. 62706",
			map[string]any{"property_address": "7743 Lincoln Dr, Springfield, IL 62706"},
		},
		{
			"an amount in a sentence with OCR's space before its comma",
			"Loan #  A-55\nYour monthly principal and interest payment will be $1 ,025.52, plus approximately $446.62 for taxes",
			map[string]any{"monthly_payment_cents": int64(102552)},
		},
		{
			"a currency sign apart from its amount, bold labels",
			"**Loan Number:** 77-1902\n**Borrower:** Ann Marie Lee\nLoan Amount $        280,000.00",
			map[string]any{"loan_amount_cents": int64(28000000), "borrower_name": "Ann Marie Lee", "loan_id": "77-1902"},
		},
		{
			"a letter greeting the borrower by surname names her in full elsewhere",
			"Loan #  A-55\nRE: your application\nDear Ms. Park:\nThank you.\n   PARTIES\n   Wendy A. Park      Marcus Park",
			map[string]any{"borrower_name": "Wendy A. Park"},
		},
		{
			"the first signer of a Note",
			"NOTE\nLoan Number: 88-1203\nI promise to pay U.S. $ 555,000.00\n\n   JOHN Q. DOE  - Borrower   (Seal)\n   MARY DOE  - Borrower   (Seal)",
			map[string]any{"borrower_name": "John Q. Doe", "loan_amount_cents": int64(55500000)},
		},
		{
			"an address only in prose", "Loan #  A-55\nWe have approved a loan of $379,000 to purchase 6675 Union Cir, Raleigh, NC 27601.",
			map[string]any{"property_address": "6675 Union Cir, Raleigh, NC 27601"},
		},
		{
			"a statement's month of principal is not the loan amount",
			"Loan Number   0099-12\nPrincipal   $1,000.08\nInterest   $2,100.11\nPrincipal & Interest   $3,100.19",
			map[string]any{"loan_amount_cents": nil, "monthly_payment_cents": int64(310019)},
		},
		{
			"an implausible amount is refused", "Loan #  A-55\nEst. Closing Costs   $1 2:90.00\nLoan Amount   $126",
			map[string]any{"closing_costs_cents": nil, "loan_amount_cents": nil},
		},
		{
			"a printout's application date before its issue date",
			"LOAN #            : 2026-1352-64    APR               : 7.59%           APP DATE          : 2024-12-06\n" +
				"STATUS            : CLEAR TO CLOSE TERM (MOS)         : 360/360         ISSUE DATE        : 2024-12-09",
			map[string]any{"issue_date": "2024-12-09", "apr_pct": 7.59},
		},
		{
			"OCR's stop for the comma after a street's type",
			"Loan #  A-55\nProperty Address:   11 Newport Trl. Wichita, KS 67207-1427",
			map[string]any{"property_address": "11 Newport Trl, Wichita, KS 67207-1427"},
		},
		{
			"OCR's stops for the commas after a unit's number and the city",
			"Loan #  A-55\nSubject Property Address 6565 Summit Trail Apt 17B. Spokane. WA 99201",
			map[string]any{"property_address": "6565 Summit Trail Apt 17B, Spokane, WA 99201"},
		},
		{
			"a street's type printed with its stop keeps it",
			"Loan #  A-55\nProperty Address:   135 Quail Run Pkwy., Knoxville, TN 37907",
			map[string]any{"property_address": "135 Quail Run Pkwy., Knoxville, TN 37907"},
		},
		{
			"an address spaced wide after its city's comma",
			"Loan #  A-55\nProperty:       948 Fernwood Blvd, Cheyenne,       WY 82006          Type of Loan:      FHA 30-Year Fixed",
			map[string]any{"property_address": "948 Fernwood Blvd, Cheyenne, WY 82006"},
		},
		{
			"a sentence OCR set wide after a preposition",
			"Loan #  A-55\nThe property at   11871 E Whitmore Ct., Hartford, CT 06105 is scheduled to close on 2024-09-04.",
			map[string]any{"property_address": "11871 E Whitmore Ct., Hartford, CT 06105"},
		},
		{
			"OCR's % read as a fourth decimal", "Loan #  A-55\nAPR   7.6986\nInterest Rate   6.8750",
			map[string]any{"apr_pct": 7.698, "interest_rate_pct": 6.875},
		},
		{
			"a form's code under a signature line is no name",
			"Loan #  A-55\nBorrower                  Date              Borrower                 Date\n\n TILDS CST                                                   Page 1",
			map[string]any{"borrower_name": nil},
		},
		{
			"a value run into the next column's label, placed by the grid's columns",
			"Loan #  A-55\n" +
				"Principal Amount         $91,400.00    Initial Rate             7.625%\n" +
				"Annual Percentage Rate 8.96%           Term                     30 yrs\n" +
				"Loan Type                FHA Fixed Rate Monthly Payment (P&I) $646.92\n" +
				"Estimated Closing Costs $6,763.00      Appraised Value          $166,250.00\n" +
				"Rate Lock Expiration     August 17, 2024 Commitment Expiration July 19, 2024",
			map[string]any{"monthly_payment_cents": int64(64692), "loan_amount_cents": int64(9140000), "interest_rate_pct": 7.625},
		},
		{
			"a product's name that ends in a label is no label at the end of its line",
			"Loan #  A-55\n" +
				"Loan Amount    $91,400.00       Note Rate       7.625%\n" +
				"Loan Program   Conventional Fixed Rate\n" +
				"Term           360 months       APR             7.901%",
			map[string]any{"interest_rate_pct": 7.625, "apr_pct": 7.901},
		},
		{
			"unit number kept, ZIP wrapped to the next line",
			"Loan #  A-55\nProperty Location:     23901 Lakeview Ln. #281, Oklahoma City, OK\n                       73102",
			map[string]any{"property_address": "23901 Lakeview Ln. #281, Oklahoma City, OK 73102"},
		},
		{
			"OCR: co-borrowers joined by 'and-', the signer greeted by first name is not the borrower",
			"March 12, 2025\n\nBRANDON HOLLOWAY and-Grace.G Dubois\n4580 NE Birch Rd\nAlbuquerque, NM 87102\n\nDear Brandon,\n" +
				"We are pleased to approve your loan number 0052389828.\nRespectfully,\n\nBrandon Ellison\nMortgage Loan Originator",
			map[string]any{"borrower_name": "Brandon Holloway"},
		},
		{
			"the signer is never the greeted borrower",
			"Loan #  A-55\nDear Brandon,\nWe are pleased to approve your loan.\nRespectfully,\n\nBrandon Ellison\nLoan Officer",
			map[string]any{"borrower_name": nil},
		},
		{
			"OCR: a colon in a unit number, a stop before a street's type",
			"Loan #  A-55\nSubject Property Address:     988 Timber Ave. Unit:5, Fargo, ND 58110\nCo-Op Address:   54 Larkspur. Cir, Madison, WI 53704",
			map[string]any{"property_address": "988 Timber Ave. Unit 5, Fargo, ND 58110"},
		},
		{
			"OCR: a place's l lost; a unit's letter P stays",
			"Loan #  A-55\nSubject Property   2747 Brookside P\n                   Reno, NV 89509\nMailing Address   55 Oak St Apt P, Reno, NV 89509",
			map[string]any{"property_address": "2747 Brookside Pl, Reno, NV 89509"},
		},
		{
			"a unit's letter P",
			"Loan #  A-55\nProperty Address:   55 Oak St Apt P, Reno, NV 89509",
			map[string]any{"property_address": "55 Oak St Apt P, Reno, NV 89509"},
		},
		{
			"OCR: a stop before a street's type",
			"Loan #  A-55\nPROPERTY ADDRESS\n 54 Larkspur. Cir, Madison, WI 53704",
			map[string]any{"property_address": "54 Larkspur Cir, Madison, WI 53704"},
		},
		{
			"a state code after a town's stop is no street type",
			"Loan #  A-55\nProperty:   12 Elm Street Hartford. CT 06103",
			map[string]any{"property_address": "12 Elm Street Hartford, CT 06103"},
		},
		{
			"the label beside a label is no value; a file number glued, without its stop",
			" LENDER                                   OUR FILENO:                               DATE ISSUED\n" +
				" Redstone Community Bank                 6481-406-551                            5/16/2024",
			map[string]any{"lender_name": "Redstone Community Bank", "loan_id": "6481-406-551", "issue_date": "2024-05-16"},
		},
		{
			"OCR: a sentence's words joined by specks",
			"We are pleased to approve your.request-for a $559,200 15-year fixed.loan at 6.365% (6.448% APR), secured\n" +
				"by the property at 4580'NE Birch Rd, Albuquerque,.NM 87102-1391.\nClosing costs.are estimated at'$12,699.84, and more",
			map[string]any{
				"loan_amount_cents": int64(55920000), "closing_costs_cents": int64(1269984),
				"property_address": "4580 NE Birch Rd, Albuquerque, NM 87102-1391", "interest_rate_pct": 6.365,
			},
		},
		{
			"OCR: a speck before a figure read as a 1, which another line of the form settles",
			"Loan ID #  C2793128\nClosing Costs      $1 13,525.92     Includes $8,049.72 in Loan Costs\n\n" +
				"J. TOTAL CLOSING COSTS (Borrower-Paid)       $13,525.92",
			map[string]any{"closing_costs_cents": int64(1352592)},
		},
		{
			"OCR: a first group cut in two, nothing to say otherwise",
			"Loan ID #  C2793128\nClosing Costs      $1 13,525.92     Includes $8,049.72 in Loan Costs",
			map[string]any{"closing_costs_cents": int64(11352592)},
		},
		{
			"OCR: a field's bar read as a letter before a name with a middle initial",
			"Loan Number 144757854\n Borrower Name:           T NATALIE J. GARRISON\nCo-Borrower:   A. Paul Smith",
			map[string]any{"borrower_name": "Natalie J. Garrison"},
		},
		{
			"OCR: the space before a street's type lost",
			"Loan #  A-55\nProperty Address:   11815 S VistaLn, Naperville, IL 60545",
			map[string]any{"property_address": "11815 S Vista Ln, Naperville, IL 60545"},
		},
		{
			"OCR: a state's code the ZIP code says is misread",
			"Loan #  A-55\nProperty:   3507 Lakeview Ter, Des Moines, LA 50317\nLender Address:   1 Canal St, New Orleans, LA 70112",
			map[string]any{"property_address": "3507 Lakeview Ter, Des Moines, IA 50317"},
		},
		{
			"a state's code the ZIP code agrees with",
			"Loan #  A-55\nProperty:   1 Canal St, New Orleans, LA 70112",
			map[string]any{"property_address": "1 Canal St, New Orleans, LA 70112"},
		},
		{
			"OCR: a shaded cell's speckle read as letters after a label",
			"Loan #  A-55\n Base Loan Amount. SSS           Locked      SSS\n USD 1,461,579                   5.875%",
			map[string]any{"loan_amount_cents": int64(146157900)},
		},
		{
			"an address's town, then its ZIP code, each on a line of its own",
			"Loan ID #    546547002315\n Property           5841 Walnut Trl.                     8887 Sycamore Place\n" +
				"                    Chattanooga, TN                      Baton Rouge, LA 70810\n" +
				"                    37402-3808               Lender      Lakeshore Home Lending",
			map[string]any{"property_address": "5841 Walnut Trl., Chattanooga, TN 37402-3808"},
		},
		{
			"an address's state and ZIP code wrapped to the next line",
			"Loan Number:        J7449808\nProperty:           22498 SW Copper Creek Ave, Greenville,          Type of Loan:        Conventional\n" +
				"                    SC 29602-8272",
			map[string]any{"property_address": "22498 SW Copper Creek Ave, Greenville, SC 29602-8272"},
		},
		{
			"a unit after the street is no town",
			"Loan Number:        J7449808\nProperty:           22498 SW Copper Creek Ave, Suite B\n" +
				"                    SC 29602-8272",
			map[string]any{"property_address": nil},
		},
		{
			"an address's town a gap apart on the street's line",
			"Loan Number   B6304059\n Collateral Address:        41 Deer Hollow Rd   Cheyenne, WY 82001",
			map[string]any{"property_address": "41 Deer Hollow Rd, Cheyenne, WY 82001"},
		},
		{
			"a letterhead whose name OCR cut short is no addressee",
			"Foxhaven Home Lendin\n8135 Copper Creek Circle Suite 883, Pittsburgh, PA 15225\nPhone (772) 635-1340 Fax (772) 753-8167\n\n" +
				"November 27, 2025\n\nFatima M. Nakamura\n72 Copper Creek Ct.\nSavannah, GA 31403\n\nRe: Pre-Approval Letter - Loan # MTG-67919941",
			map[string]any{"borrower_name": "Fatima M. Nakamura"},
		},
		{
			"OCR: a D read as O in a label",
			"Loan #  A-55\n OATE ISSUED        September 25, 2026          LOAN TERM           240 months",
			map[string]any{"issue_date": "2026-09-25", "term_months": 240},
		},
		{
			"OCR: a brace for the parenthesis after an APR",
			"Loan #  A-55\nYou are approved for $432,250.00 at 5.375% (6.078% APR} on a 30-year term.",
			map[string]any{"apr_pct": 6.078, "interest_rate_pct": 5.375},
		},
		{
			"OCR: dot leaders read as letters and as digits",
			"Loan #  A-55\nNote Amount:                                    aleacheeteessed $511,100.00\n" +
				"Amortization Term: ..2.0.0.20             Ce   bgeete:                            360. months",
			map[string]any{"loan_amount_cents": int64(51110000), "term_months": 360},
		},
		{
			"a word before a figure that is no leader stops the reading",
			"Loan #  A-55\nNote Amount:     assessed yearly $511,100.00",
			map[string]any{"loan_amount_cents": nil},
		},
		{
			"OCR: an initial's stop read as a colon, a space after an ID's dash",
			"Application No.:   MTG- 14887505\nCustomer:                    Liam W: Kowalski",
			map[string]any{"borrower_name": "Liam W. Kowalski", "loan_id": "MTG-14887505"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceTextLayer, Text: tt.text}})
			assertFields(t, x.Fields, tt.want)
		})
	}
}

// sameAny compares a JSON-decoded value with an expected one.
func sameAny(got, want any) bool {
	if g, ok := got.(float64); ok {
		w, err := strconv.ParseFloat(fmt.Sprint(want), 64)
		return err == nil && g == w
	}
	return fmt.Sprint(got) == fmt.Sprint(want)
}

// The document type comes from the title, footers and what a letter says,
// not from a form named in passing.
func TestClassify(t *testing.T) {
	tests := []struct {
		name, text string
		want       pipeline.DocumentType
	}{
		{"estimate title", "TWIN OAKS MORTGAGE\nLoan Estimate\nDATE ISSUED   3/9/2026", pipeline.TypeLoanEstimate},
		{"estimate title with a space OCR put in", "MERIDIAN CREST BANK & TRUST\nLoan Est imate\nCompare this estimate\nDATE ISSUED   05/16/2025", pipeline.TypeLoanEstimate},
		{"disclosure title with a space OCR put in", "Closing Disc losure\nClosing Information\nDate Issued   4/15/2026", pipeline.TypeClosingDisclosure},
		{"disclosure footer", "Loan Costs\nCLOSING DISCLOSURE   PAGE 2 OF 5 • LOAN ID # 1234", pipeline.TypeClosingDisclosure},
		{"worksheet that is not an estimate", "Fees Worksheet\nLoan Amount: $1,000.00\nThis is not a Loan Estimate.", pipeline.TypeOther},
		{"term sheet pointing to the estimate", "Term Sheet\nThis is not a commitment to lend. Your Loan Estimate contains the official disclosures.", pipeline.TypeOther},
		{"conditional approval", "CARDINAL BANK & TRUST\nConditional Approval Letter\nDate: Sep. 15, 2025", pipeline.TypeCommitmentLetter},
		{"rate lock agreement", "BLUE RIDGE SAVINGS BANK\nInterest Rate Lock Agreement\nConfirmation Date: Jan. 16, 2024", pipeline.TypeCommitmentLetter},
		{"approval told in prose", "Keystone Valley Bank\nDear Ms. Whitaker:\nWe are pleased to approve your request for a loan.", pipeline.TypeCommitmentLetter},
		{"e-mail about an estimate", "From: Jo Lee <jo@example.com>\nTo: Chloe Nystrom\nSubject: Re: Updated Loan Estimate\nLoan Estimate", pipeline.TypeOther},
		{"disclaimer wrapped before the form's name", "Closing Cost Worksheet\nThe fees listed are estimates. This is nota\nLoan Estimate\n", pipeline.TypeOther},
		{"a disclaimer whose not OCR lost, wrapped before the form's name", "Itemization of Settlement Charges\nA. Origination Charges   $3,787.00\nThis worksheet is an estimate of the charges. This 1s   a\nLoan Estimate\n", pipeline.TypeOther},
		{"an estimate's title after a line that ends a sentence", "TWIN OAKS MORTGAGE\nWe are here to help.\nLoan Estimate\nDATE ISSUED   3/9/2026", pipeline.TypeLoanEstimate},
		{"a worksheet to fill in is not a commitment", "LOAN COMMITMENT WORKSHEET\nFor lender use.\nLoan Number:\nLender:\n", pipeline.TypeOther},
		{"disclaimer is not a commitment", "Loan Summary\nSubject to final underwriting approval. This is nota Loan\nEstimate or a commitment to lend.", pipeline.TypeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classify([]pipeline.PageText{{Page: 1, Text: tt.text}}); got != tt.want {
				t.Errorf("classify = %s; want %s", got, tt.want)
			}
		})
	}
}

// assertFields checks each wanted field: a nil want must be absent, any
// other value present and equal.
func assertFields(t *testing.T, fields pipeline.Fields, want map[string]any) {
	t.Helper()
	got := pipelinetest.JSONMap(t, fields)
	for k, w := range want {
		g, ok := got[k]
		if w == nil {
			if ok {
				t.Errorf("%s = %v; want absent", k, g)
			}
			continue
		}
		if !ok || !sameAny(g, w) {
			t.Errorf("%s = %v; want %v", k, g, w)
		}
	}
}

// A mixed PDF: OCR's reading of the loan ID on a scanned page gives way to
// the text layer's, one character apart, on the page that kept its text;
// an ID both readings agree on stays.
func TestLoanIDOfAMixedPDF(t *testing.T) {
	tests := []struct {
		name, scanned, printed, want string
	}{
		{"one character apart", "Loan Number 38648313.\nApplicant   Natalie Lindqvist", "Loan Number J8648313\nAPR   7.951%", "J8648313"},
		{"the same ID", "Loan Number J8648313\nApplicant   Natalie Lindqvist", "Loan Number J8648313\nAPR   7.951%", "J8648313"},
		{"two IDs far apart", "Loan Number 38648313\nApplicant   Natalie Lindqvist", "Loan Number 77-1902\nAPR   7.951%", "38648313"},
	}
	for _, tt := range tests {
		x := Extract([]pipeline.PageText{
			{Page: 1, Source: pipeline.SourceOCR, Text: tt.scanned},
			{Page: 2, Source: pipeline.SourceTextLayer, Text: tt.printed},
		})
		if x.Fields.LoanID != tt.want {
			t.Errorf("%s: loan ID %q; want %q", tt.name, x.Fields.LoanID, tt.want)
		}
	}
}

// A scan whose pages read its loan ID one character apart: the reading the
// most pages agree on stands; with as many for each, neither is given.
func TestLoanIDReadingsThatDisagree(t *testing.T) {
	tests := []struct {
		name  string
		pages []string
		want  string
	}{
		{"a tie", []string{"Reference No. SY2024421943", "Reference No. SY2024121943"}, ""},
		{"two pages against one", []string{"Reference No. SY2024421943", "Reference No. SY2024121943", "Reference No. SY2024121943"}, "SY2024121943"},
		{"one reading", []string{"Reference No. SY2024121943", "Reference No. SY2024121943"}, "SY2024121943"},
		{"a tie, one after a misread label", []string{"Re: Loan Number 2025-3927-93", "Loun Number 2025-3927-03      Page 2"}, "2025-3927-93"},
		{"a tie, the misread label first", []string{"Loun Number 2025-3927-03      Page 2", "Re: Loan Number 2025-3927-93"}, "2025-3927-93"},
	}
	for _, tt := range tests {
		var pages []pipeline.PageText
		for i, text := range tt.pages {
			pages = append(pages, pipeline.PageText{Page: i + 1, Source: pipeline.SourceOCR, Text: text + "\nLoan Amount   $250,000.00"})
		}
		if got := Extract(pages).Fields.LoanID; got != tt.want {
			t.Errorf("%s: loan ID %q; want %q", tt.name, got, tt.want)
		}
	}
}

// What OCR leaves of a label's "(s)" ("Applicants)", "Applicandis)") and a
// field's bracket read as a letter before a name ("J Natalie Lindqvist").
func TestOCRLabelRemnants(t *testing.T) {
	for _, line := range []string{
		"Applicants)        Natalie Lindqvist",
		"Applicandis)        Natalie Lindqvist",
		"Applicant(s)        J Natalie Lindqvist",
		"Applicant(s)        Natalie Lindqvist",
	} {
		x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: "Loan Number 38648313\n" + line}})
		if x.Fields.BorrowerName != "Natalie Lindqvist" {
			t.Errorf("%q: borrower %q; want Natalie Lindqvist", line, x.Fields.BorrowerName)
		}
	}
	x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: "Loan Number 38648313\nAmount of:Loan:        }'US$173,000.00\nInt: Rate      6.125%\n" +
		"Subject Property.              14138 NE Whitmore Road, Portland,-ME 04106"}})
	if x.Fields.LoanAmountCents != 17300000 || x.Fields.InterestRatePct != 6.125 {
		t.Errorf("'Amount of:Loan:', 'Int: Rate': loan amount %d, rate %v; want 17300000, 6.125", x.Fields.LoanAmountCents, x.Fields.InterestRatePct)
	}
	if want := "14138 NE Whitmore Road, Portland, ME 04106"; x.Fields.PropertyAddress != want {
		t.Errorf("property %q; want %q", x.Fields.PropertyAddress, want)
	}
	x = Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: "Loan Number 38648313\nApplicant(s)        J. Natalie Lindqvist"}})
	if x.Fields.BorrowerName != "J. Natalie Lindqvist" {
		t.Errorf("an initial with its stop: borrower %q; want J. Natalie Lindqvist", x.Fields.BorrowerName)
	}
}

// A logo OCR read as letters before the letterhead's name goes when the
// document prints the name again without it, and stays when it does not.
func TestLenderLogoLetters(t *testing.T) {
	head := "Qo Keystone Valley Home Loans,                   Inc.\n7214 Pine Pl. Floor 3\nDes Moines, IA 50317\n\n" +
		"Interest Rate Lock Agreement\nLoan Number  A-55\nLoan Amount   $200,000.00\n"
	for _, tt := range []struct{ text, want string }{
		{head + "\nKEYSTONE VALLEY HOME LOANS, INC.\n", "Keystone Valley Home Loans, Inc"},
		{head, "Qo Keystone Valley Home Loans, Inc"},
	} {
		x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: tt.text}})
		if x.Fields.LenderName != tt.want {
			t.Errorf("lender %q; want %q", x.Fields.LenderName, tt.want)
		}
	}
}

// A payment whose label OCR lost is the one amount in the document that
// the loan amount, rate and term give; two such amounts, or none, give
// nothing.
func TestPaymentByAmortization(t *testing.T) {
	head := "LOAN #               2025-6219-80       NOTE RATE            7.625\n" +
		"BORROWER             STANTON, ANDRE D   AMORT TERM           360 mos.\n" +
		"LOAN AMOUNT          $282,700.00        CASH TO CLOSE        $318.00\n"
	for _, tt := range []struct {
		name, text string
		want       int64
	}{
		{"label lost", head + "CO-BORR              STANTON, COLLEEN   Pél                  $2,000.93\n", 200093},
		{"no such amount", head + "CO-BORR              STANTON, COLLEEN   Pél                  $2,100.93\n", 0},
		{"two such amounts", head + "Pél   $2,000.93\nPél   $2,001.50\n", 0},
		{"a printout's amount without its sign", head + "MO Pél:              2,000.93\n", 200093},
	} {
		x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: tt.text}})
		if x.Fields.MonthlyPaymentCents != tt.want {
			t.Errorf("%s: payment %d; want %d", tt.name, x.Fields.MonthlyPaymentCents, tt.want)
		}
	}
}

// A loan amount whose label OCR lost is the one amount the payment, rate
// and term give.
func TestAmountByAmortization(t *testing.T) {
	text := "LOAN #               2025-6219-80       NOTE RATE            7.625\n" +
		"BORROWER             STANTON, ANDRE D   AMORT TERM           360 mos.\n" +
		"L0@N AMT#            $282,700.00        P&I                  $2,000.93\n" +
		"APPR VALUE           $514,000.00        CASH TO CLOSE        $318.00\n"
	x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: text}})
	if x.Fields.LoanAmountCents != 28270000 {
		t.Errorf("amount %d; want 28270000", x.Fields.LoanAmountCents)
	}
}

// OCR's letters for digits in an ID of digit groups, and IDs whose
// letters are their own.
func TestDigitGroups(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2024-S040-S6", "2024-5040-56"},
		{"2024-5O40-56", "2024-5040-56"},
		{"2026-0080.57", "2026-0080-57"},
		{"1234.56", "1234.56"},
		{"MTG-1234", "MTG-1234"},
		{"LN-2024-133659", "LN-2024-133659"},
		{"S-1234", "S-1234"},
		{"2024-SO40-56", "2024-SO40-56"},
		{"SY2024121943", "SY2024121943"},
	} {
		if got := digitGroups(tt.in); got != tt.want {
			t.Errorf("digitGroups(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A rate whose label OCR cut ("Int.") is the one printed rate with which
// the amount and term pay the payment; the APR beside it is not.
func TestRateByAmortization(t *testing.T) {
	text := "Reference No. MTG-63200374\nPrimary Borrower        MEGAN LACHANCE\n" +
		"Mortgage Amount         USD 434,000\nInt.                    7.6250%\nTerm of Loan:           20 years\n" +
		"Principal & Interest    USD 3,529.52\nAPR     7.812%\n"
	x := Extract([]pipeline.PageText{{Page: 1, Source: pipeline.SourceOCR, Text: text}})
	if x.Fields.InterestRatePct != 7.625 {
		t.Errorf("rate %v; want 7.625", x.Fields.InterestRatePct)
	}
}

func TestRepeatedMarks(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{". SSS", true}, {"eeee  SSS", true}, {"SSS:", true},
		{"", false}, {" . ", false}, {"AA", false}, {"Approved", false}, {"SSS Rate", false}, {"111", false},
	} {
		if got := repeatedMarks(tt.in); got != tt.want {
			t.Errorf("repeatedMarks(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}
