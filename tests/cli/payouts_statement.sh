#!/usr/bin/env bash
# refer payouts statement: one person's referrals, payouts and totals as a table, Markdown and
# JSON; --from/--to filter referrals by submission and payouts by earned date.
. "$(dirname "$0")/lib.sh"

run add ann@acme.com --name 'Ann Acme'
run add ext:HS-9 --name 'Dan *the* <Man>'
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-09-01
run submit --by ann@acme.com --name 'Bo Park' --email bo@hooli.com --on 2026-10-02
run submit --by ann@acme.com --name 'Cy Young' --email cy@initech.com --on 2026-11-02
run advance 1 won --on 2026-10-05 --value 15,000 # 1: $100 and 2: $1,500, earned 2026-10-05
run advance 2 won --on 2026-11-05 --value 30,000 # 3: $100 and 4: $2,000, earned 2026-11-05
run payouts compute
run payouts pay 1 2 --on 2026-11-10 --reference 'wire 118'
run advance 2 lost --force --on 2026-11-20      # 4 void
run payouts compute
expect_err "payouts: 0 created, 0 updated, 1 voided, 3 unchanged"

run payouts statement ann@acme.com
expect_rc 0
expect_out "Referral statement for Ann Acme <ann@acme.com>
Period: all time, as of 2026-11-23

Referrals
id  referee                    status     submitted   won         deal value
 1  Sam Lee <sam@globex.com>   won        2026-09-01  2026-10-05  \$15,000.00
 2  Bo Park <bo@hooli.com>     lost       2026-10-02              \$30,000.00
 3  Cy Young <cy@initech.com>  submitted  2026-11-02

Payouts
id  referral  reward                 kind     amount  earned      due         status   paid        explanation
 1         1  discovery call thanks  cash    \$100.00  2026-10-05  2026-11-04  paid     2026-11-10  discovery call thanks: \$100.00 for reaching meeting; built-in default program
 2         1  signing bonus          cash  \$1,500.00  2026-10-05  2026-11-04  paid     2026-11-10  signing bonus: 10% of \$15,000.00 = \$1,500.00 (cap \$2,000.00); built-in default program
 3         2  discovery call thanks  cash    \$100.00  2026-11-05  2026-12-05  pending              discovery call thanks: \$100.00 for reaching meeting; built-in default program
 4         2  signing bonus          cash  \$2,000.00  2026-11-05  2026-12-05  void                 signing bonus: 10% of \$30,000.00 = \$3,000.00 -> \$2,000.00 (cap \$2,000.00); built-in default program

Earned       \$1,700.00
Paid         \$1,600.00
Outstanding    \$100.00"
expect_err ""

# A period: referrals submitted and payouts earned in it, both ends included.
run payouts statement ann@acme.com --from 2026-11-02 --to 2026-11-05 --format md
expect_rc 0
expect_out "# Referral statement for Ann Acme <ann@acme.com>

**Period:** 2026-11-02 to 2026-11-05, as of 2026-11-23

## Referrals

| id | referee | status | submitted | won | deal value |
| ---: | --- | --- | --- | --- | --- |
| 3 | Cy Young <cy@initech.com> | submitted | 2026-11-02 |  |  |

## Payouts

| id | referral | reward | kind | amount | earned | due | status | paid | explanation |
| ---: | ---: | --- | --- | ---: | --- | --- | --- | --- | --- |
| 3 | 2 | discovery call thanks | cash | \$100.00 | 2026-11-05 | 2026-12-05 | pending |  | discovery call thanks: \$100.00 for reaching meeting; built-in default program |
| 4 | 2 | signing bonus | cash | \$2,000.00 | 2026-11-05 | 2026-12-05 | void |  | signing bonus: 10% of \$30,000.00 = \$3,000.00 -> \$2,000.00 (cap \$2,000.00); built-in default program |

## Totals

- **Earned:** \$100.00
- **Paid:** \$0.00
- **Outstanding:** \$100.00"

# JSON: the listings of SPEC 10; --from alone runs to today.
run payouts statement ann@acme.com --from 2026-10-01 --json
expect_rc 0
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys
d = json.load(sys.stdin)
print(list(d), d["email"], d["name"], d["from"], d["to"], [r["id"] for r in d["referrals"]],
      [p["id"] for p in d["payouts"]], d["earned_cents"], d["paid_cents"], d["outstanding_cents"])
print(list(d["referrals"][0]))
print(list(d["payouts"][0]))')" \
"['email', 'name', 'from', 'to', 'referrals', 'payouts', 'earned_cents', 'paid_cents', 'outstanding_cents'] ann@acme.com Ann Acme 2026-10-01 2026-11-23 [2, 3] [1, 2, 3, 4] 170000 160000 10000
['id', 'referrer_email', 'referee_name', 'referee_email', 'referee_company', 'source', 'status', 'submitted_on', 'contacted_on', 'meeting_on', 'qualified_on', 'won_on', 'lost_on', 'lost_reason', 'deal_value_cents', 'consent', 'note', 'fit_industry', 'fit_role', 'fit_size', 'fit_urgency', 'fit_score', 'priority']
['id', 'referral', 'beneficiary', 'email', 'reward', 'kind', 'amount_cents', 'earned_on', 'due_on', 'status', 'paid_on', 'reference', 'explanation']"

# Someone with nothing yet, known by CRM id; Markdown keeps their name literal.
run payouts statement ext:HS-9 --format md
expect_rc 0
expect_out "# Referral statement for Dan \\*the\\* \\<Man\\> ext:HS-9

**Period:** all time, as of 2026-11-23

## Referrals

None.

## Payouts

None.

## Totals

- **Earned:** \$0.00
- **Paid:** \$0.00
- **Outstanding:** \$0.00"
run payouts statement ext:HS-9 --json
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["email"], d["from"], d["to"], d["referrals"], d["payouts"])')" "None None None [] []"

# Errors.
run payouts statement nobody@acme.com
expect_rc 1 "unknown person"
expect_err 'refer: error: unknown person "nobody@acme.com"'
run payouts statement ann@acme.com --to 2026-11-01
expect_rc 2 "--to alone"
expect_err "refer: error: --to needs --from (--from alone runs to today)"
run payouts statement ann@acme.com --from 2026-11-02 --to 2026-11-01
expect_rc 2 "backwards period"
expect_err "refer: error: --from 2026-11-02 is after --to 2026-11-01"
run payouts statement ann@acme.com --from 2026-11-2
expect_rc 2 "malformed date"
run payouts statement ann@acme.com --format csv
expect_rc 2 "no csv"
expect_err "refer: error: a statement prints as table, md or json, not csv"
finish
