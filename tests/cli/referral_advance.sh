#!/usr/bin/env bash
# refer advance: the state machine of SPEC 4 and 12, refusals change nothing, won makes a client.
. "$(dirname "$0")/lib.sh"

dates() { sql "select status, status_on, coalesce(contacted_on,'-'), coalesce(meeting_on,'-'), coalesce(qualified_on,'-'), coalesce(won_on,'-'), coalesce(lost_on,'-'), coalesce(lost_reason,'-'), coalesce(deal_value,'-') from referrals where id = $1"; }

run add ann@acme.com --name 'Ann Acme' --company Acme
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --company Globex --on 2026-09-01
expect_out "1"

# Refusals and usage errors: nothing changes.
before=$(db_sum)
run advance 1 won --on 2026-10-05
expect_rc 1 "won without a value"
expect_err "refer: error: referral 1: won needs a deal value (--value)"
run advance 1 contacted --on 2026-08-31
expect_rc 1 "before the submission"
expect_err "refer: error: referral 1: the date 2026-08-31 precedes the submission on 2026-09-01"
run advance 1 submitted
expect_rc 1 "same status"
expect_err "refer: error: referral 1: the referral is already submitted"
run advance 99 contacted
expect_rc 1 "unknown id"
expect_err 'refer: error: unknown referral "99"'
run advance nobody@globex.com contacted
expect_rc 1 "unknown email"
expect_err 'refer: error: unknown referral "nobody@globex.com"'
run advance 1 closed
expect_rc 2 "unknown status"
expect_err_has 'unknown status "closed"'
run advance 1 meeting --on 2026-13-01
expect_rc 2 "bad date"
run advance 1 won --value 12.345
expect_rc 2 "bad money"
run advance 1 contacted --reason 'why not'
expect_rc 2 "reason on a non-lost move"
expect_err "refer: error: --reason is only for a move to lost"
expect_eq "$(db_sum)" "$before" "refusals change nothing"

# One step, then a forward skip by referee email: skipped stages take the move's date.
run advance 1 contacted --on 2026-09-02
expect_rc 0
expect_err "referral 1: submitted -> contacted on 2026-09-02"
expect_eq "$(dates 1)" "contacted|2026-09-02|2026-09-02|-|-|-|-|-|-"
run advance 1 qualified --on 2026-09-01
expect_rc 1 "before the previous status date"
expect_err "refer: error: referral 1: the date 2026-09-01 precedes the last status move (contacted on 2026-09-02)"
run advance SAM@globex.com won --on 2026-10-05 --value 24,000
expect_rc 0
expect_eq "$(dates 1)" "won|2026-10-05|2026-09-02|2026-10-05|2026-10-05|2026-10-05|-|-|2400000"
expect_eq "$(sql "select name, company, kind, source, referred_by, started_on, annual_value from clients where email = 'sam@globex.com'")" \
  "Sam Lee|Globex|client|referral|1|2026-10-05|2400000" "the referee became a client"
expect_eq "$(sql "select count(*) from events where entity = 'client' and what = 'created'")" 2

# Out of won needs --force.
before=$(db_sum)
run advance 1 lost --reason 'cancelled'
expect_rc 1
expect_err "refer: error: referral 1: the referral is already won (--force reopens it)"
run advance 1 meeting
expect_rc 1
expect_eq "$(db_sum)" "$before" "refused moves change nothing"

# A forced move back keeps earlier dates, clears later ones, and the client record stays.
run advance 1 meeting --force --on 2026-10-07
expect_rc 0
expect_eq "$(dates 1)" "meeting|2026-10-07|2026-09-02|2026-10-07|-|-|-|-|2400000"
expect_eq "$(sql "select count(*) from clients where email = 'sam@globex.com'")" 1
run advance 1 lost --on 2026-10-08 --reason 'budget cut'
expect_rc 0
expect_eq "$(dates 1)" "lost|2026-10-08|2026-09-02|2026-10-07|-|-|2026-10-08|budget cut|2400000"
run advance 1 qualified --on 2026-10-09
expect_rc 1
expect_err "refer: error: referral 1: the referral is already lost (--force reopens it)"
run advance 1 qualified --on 2026-10-09 --force
expect_rc 0
expect_eq "$(dates 1)" "qualified|2026-10-09|2026-09-02|2026-10-07|2026-10-09|-|-|-|2400000"

# Every change is an event with old and new values, the user, and the move's date (SPEC 2).
expect_eq "$(sql "select group_concat(what || ':' || coalesce(old,'-') || '>' || coalesce(new,'-'), ' ') from events where entity = 'referral' and what in ('status', 'lost_reason') ")" \
  "status:submitted>contacted status:contacted>won status:won>meeting status:meeting>lost lost_reason:->budget cut status:lost>qualified lost_reason:budget cut>-"
expect_eq "$(sql "select count(*) from events where entity = 'referral' and user <> 'tester'")" 0
expect_eq "$(sql "select group_concat(new || '@' || on_date, ' ') from events where entity = 'referral' and what = 'status'")" \
  "contacted@2026-09-02 won@2026-10-05 meeting@2026-10-07 lost@2026-10-08 qualified@2026-10-09" "each move is dated by its own date"

# A won referral of someone already in the ledger updates their record; REF by email is the latest referral.
run add pat@partners.io --name 'Pat Partner' --kind partner --company 'Partners Inc'
run submit --by ann@acme.com --name 'Pat P.' --email pat@partners.io --allow-existing --on 2024-06-01
expect_out "2"
run submit --by ann@acme.com --name 'Pat P.' --email pat@partners.io --allow-existing --on 2026-11-01
expect_out "3"
run advance pat@partners.io won --value 1000 --json
expect_rc 0
expect_eq "$(echo "$OUT" | jq -c '[.id, .status, .won_on, .deal_value_cents]')" '[3,"won","2026-11-23",100000]'
expect_eq "$(dates 2)" "submitted|2024-06-01|-|-|-|-|-|-|-" "the older referral is untouched"
expect_eq "$(sql "select name, company, kind, source, referred_by, started_on, annual_value from clients where email = 'pat@partners.io'")" \
  "Pat Partner|Partners Inc|client|referral|3|2026-11-23|100000"
expect_eq "$(sql "select group_concat(what, ',') from events where entity = 'client' and entity_id = (select id from clients where email = 'pat@partners.io') and what <> 'created'")" \
  "kind,annual_value,started_on,source,referred_by"
finish
