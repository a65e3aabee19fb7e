#!/usr/bin/env bash
# refer payouts pay: named payouts or everything due, all or nothing, one event per changed field;
# --all-due nets reversals per person and keeps a negative balance pending.
. "$(dirname "$0")/lib.sh"

state() { sql "select id, status, coalesce(paid_on, '-'), coalesce(reference, '-') from payouts order by id" | tr '\n' ' '; }

run add ann@acme.com --name 'Ann Acme'
run add bob@initech.com --name 'Bob Ito'
run add carol@umbrella.com --name 'Carol Underwood'
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-09-01
run submit --by ann@acme.com --name 'Bo Park' --email bo@hooli.com --on 2026-09-02
run submit --by bob@initech.com --name 'Cy Young' --email cy@hooli.com --on 2026-10-20
run submit --by carol@umbrella.com --name 'Dee Dee' --email dee@stark.com --on 2026-09-05
run submit --by bob@initech.com --name 'Eve Ng' --email eve@wayne.com --on 2026-10-01
run advance 1 won --on 2026-10-05 --value 15,000   # 1: $100 and 2: $1,500, due 2026-11-04
run advance 2 meeting --on 2026-10-01              # 3: $100, due 2026-10-31
run advance 3 meeting --on 2026-11-10              # 4: $100, due 2026-12-10
run advance 4 won --on 2026-09-20 --value 20,000   # 5: $100 and 6: $2,000, due 2026-10-20
run advance 5 meeting --on 2026-10-02              # 7: $100, due 2026-11-01
run payouts compute
expect_err "payouts: 7 created, 0 updated, 0 voided, 0 unchanged"

# Usage: payout ids or --all-due, exactly one of them.
run payouts pay
expect_rc 2 "neither ids nor --all-due"
expect_err "refer: error: name the payouts to pay, or give --all-due"
run payouts pay 1 --all-due
expect_rc 2 "ids and --all-due"
run payouts pay 1 --on 2026-11-3
expect_rc 2 "malformed --on"

# Named payouts, a duplicate once; the table is the net per person.
run payouts pay 6 2 6 --on 2026-11-05 --reference 'wire 118'
expect_rc 0
expect_out "email               payouts        net
ann@acme.com              1  \$1,500.00
carol@umbrella.com        1  \$2,000.00"
expect_err "paid 2 payouts to 2 people: \$3,500.00"
expect_eq "$(state)" "1|pending|-|- 2|paid|2026-11-05|wire 118 3|pending|-|- 4|pending|-|- 5|pending|-|- 6|paid|2026-11-05|wire 118 7|pending|-|- "
expect_eq "$(sql "select on_date, what, coalesce(old, '-'), new from events where entity = 'payout' and entity_id = 2 and what <> 'created' order by id" | tr '\n' ' ')" \
  "2026-11-05|status|pending|paid 2026-11-05|paid_on|-|2026-11-05 2026-11-05|reference|-|wire 118 " "one event per changed field, dated the payment"

# Refused: nothing is written, every problem is named.
before=$(db_sum)
run payouts pay 99
expect_rc 1 "unknown payout"
expect_err "refer: error: unknown payout 99"
run payouts pay 1 2 99
expect_rc 1 "a paid payout among others"
expect_err "refer: error: payout 2 is already paid (on 2026-11-05)
refer: error: unknown payout 99"
expect_eq "$(db_sum)" "$before" "refused pays leave the database as it was"
expect_eq "$(sql "select status from payouts where id = 1")" "pending" "all or nothing"

run advance 5 contacted --force
run payouts compute
expect_err "payouts: 0 created, 0 updated, 1 voided, 6 unchanged"
before=$(db_sum)
run payouts pay 7
expect_rc 1 "void payout"
expect_err "refer: error: payout 7 is void"
expect_eq "$(db_sum)" "$before" "refused void pay"

# Paid payouts get reversals: ann's $1,500 is now $1,400, carol's $2,000 is no longer earned.
run edit 1 --value 14,000
run advance 4 lost --force --on 2026-11-20
run payouts compute
expect_err "payouts: 2 created, 0 updated, 0 voided, 6 unchanged"
expect_eq "$(sql "select id, amount, due_on from payouts where id > 7" | tr '\n' ' ')" "8|-10000|2026-12-23 9|-200000|2026-12-23 "

# --all-due today: what is due by 2026-11-23; the reversals are not due yet. A dry run writes nothing.
before=$(db_sum)
run payouts pay --all-due --dry-run
expect_rc 0
expect_out "email               payouts      net
ann@acme.com              2  \$200.00
carol@umbrella.com        1  \$100.00"
expect_err "paid 3 payouts to 2 people: \$300.00 (dry run: nothing written)"
expect_eq "$(db_sum)" "$before" "dry run"

# A month later: ann's reversal is netted; carol's net is negative and waits.
run --today 2026-12-31 payouts pay --all-due --reference 'december run' --json
expect_rc 0
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))')" \
  '[{"email": "ann@acme.com", "payouts": [1, 3, 8], "net_cents": 10000}, {"email": "bob@initech.com", "payouts": [4], "net_cents": 10000}]'
expect_err "refer: skipped carol@umbrella.com: -\$1,900.00 due, a negative balance waits for later payouts
paid 4 payouts to 2 people: \$200.00"
expect_eq "$(state)" "1|paid|2026-12-31|december run 2|paid|2026-11-05|wire 118 3|paid|2026-12-31|december run 4|paid|2026-12-31|december run 5|pending|-|- 6|paid|2026-11-05|wire 118 7|void|-|- 8|paid|2026-12-31|december run 9|pending|-|- "

# Nothing (payable) due: nothing on stdout, the skipped person on stderr, exit 0.
before=$(db_sum)
run --today 2026-12-31 payouts pay --all-due
expect_rc 0
expect_out ""
expect_err "refer: skipped carol@umbrella.com: -\$1,900.00 due, a negative balance waits for later payouts"
run --today 2026-12-31 payouts pay --all-due --json -q
expect_out "[]"
expect_err ""
expect_eq "$(db_sum)" "$before" "nothing to pay"

# CSV: the count of payouts, money as plain decimals.
run --today 2027-01-31 payouts pay 5 9 --format csv --dry-run
expect_out "email,payouts,net
carol@umbrella.com,2,-1900.00"

# Someone known by CRM id only is named by person in the table and null in JSON.
run add ext:HS-9 --name 'Dan Dash'
run submit --by ext:HS-9 --name 'Fay Fu' --email fay@wayne.com --on 2026-12-01
run advance 6 meeting --on 2026-12-02
run payouts compute
run --today 2027-03-01 payouts pay --all-due --dry-run
expect_out "email      payouts      net
person #6        1  \$100.00"
run --today 2027-03-01 payouts pay --all-due --dry-run --json -q
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))')" '[{"email": null, "payouts": [10], "net_cents": 10000}]'
finish
