#!/usr/bin/env bash
# Events a person can read (issue 11 item 4): an event's `on` is the business date of the
# change (SPEC 2: a move's --on, an import row's stage date, otherwise today), not the day the
# command ran; refer show prints money as money, a referrer by email and `created` as a line
# instead of JSON with internal ids; the user falls back to the login name when $USER is unset;
# refer export events keeps the values as stored.
. "$(dirname "$0")/lib.sh"
export REFER_TODAY=2026-12-31

# on_of ENTITY ID WHAT: the business date of the latest such event.
on_of() { sql "select on_date from events where entity = '$1' and entity_id = $2 and what = '$3' order by id desc limit 1"; }
# The event timestamps (`at`) are the clock's: read as <at>.
at_free() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<at>/g' <<<"$1"; }

run add ann@acme.com --name 'Ann Acme' --company Acme -q
expect_eq "$(on_of client 1 created)" 2026-12-31 "a person added: today"
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --company Globex --on 2026-03-01 --consent
expect_eq "$(on_of referral 1 created)" 2026-03-01 "submit --on"

# The case of the issue: a move dated 2026-03-02, recorded on 2026-12-31.
run advance 1 contacted --on 2026-03-02
expect_rc 0
expect_eq "$(sql "select group_concat(what || '@' || on_date, ' ') from events where entity = 'referral' and entity_id = 1 and what <> 'created'")" \
  "status@2026-03-02 status_on@2026-03-02 contacted_on@2026-03-02" "advance --on"
run advance 1 won --on 2026-03-20 --value 24,000
expect_eq "$(sql "select group_concat(distinct on_date) from events where entity = 'referral' and entity_id = 1 and id > (select max(id) from events where what = 'contacted_on')")" \
  2026-03-20 "won with its value"
expect_eq "$(on_of client 2 created)" 2026-03-20 "the referee became a client on the win"

run milestone ann@acme.com 'went live' --on 2026-04-01 -q
expect_eq "$(on_of client 1 milestone)" 2026-04-01 "milestone --on"
run ask ann@acme.com --on 2026-04-10 -q
expect_eq "$(on_of client 1 ask)" 2026-04-10 "ask --on"
run fit 1 --industry 3 -q
expect_eq "$(on_of referral 1 fit_industry)" 2026-12-31 "fit has no date: today"
run edit 1 --note 'two-year deal' -q
expect_eq "$(on_of referral 1 note)" 2026-12-31 "a correction: today"
run payouts compute -q
expect_eq "$(sql "select group_concat(distinct on_date) from events where entity = 'payout'")" 2026-12-31 "compute: today"
run payouts pay 1 --on 2026-12-30 -q
expect_rc 0
expect_eq "$(on_of payout 1 paid_on)" 2026-12-30 "pay --on"
printf 'name = "p"\n[[rewards]]\nname = "thanks"\non = "won"\namount = 50\n' >program.toml
run program load program.toml --effective 2026-01-01 -q
expect_eq "$(sql "select on_date from events where entity = 'program'")" 2026-01-01 "a program takes effect"

# Imports: a new referral on its submission date, each move on the date of its stage, a
# correction alone today; an NPS response on its date; people today.
printf 'referrer_email,referee_email,referee_name,submitted_on,status,status_on\nann@acme.com,kim@initech.com,Kim,2026-05-01,meeting,2026-05-10\n' >r1.csv
run import referrals r1.csv -q
expect_rc 0
expect_eq "$(on_of referral 2 created)" 2026-05-01 "import: created on the submission"
printf 'referrer_email,referee_email,referee_name,submitted_on,status,contacted_on,meeting_on,qualified_on\nann@acme.com,kim@initech.com,Kim,2026-05-01,qualified,2026-05-10,2026-05-10,2026-06-01\n' >r2.csv
run import referrals r2.csv -q
expect_eq "$(sql "select group_concat(what || '@' || on_date, ' ') from events where entity = 'referral' and entity_id = 2 and what <> 'created'")" \
  "status@2026-06-01 status_on@2026-06-01 qualified_on@2026-06-01" "import: a move on its stage date"
sed 's/,Kim,/,Kim Park,/' r2.csv >r3.csv
run import referrals r3.csv -q
expect_eq "$(on_of referral 2 referee_name)" 2026-12-31 "import: a correction alone, today"
printf 'referrer_email,referee_email,referee_name,submitted_on,status,status_on,deal_value\nann@acme.com,lee@hooli.com,Lee,2026-07-01,won,2026-07-15,5000\n' >r4.csv
run import referrals r4.csv -q
expect_eq "$(sql "select on_date from events where entity = 'client' and what = 'created' and new like '%lee@hooli.com%'")" \
  2026-07-15 "import: the referee a client on the win"
printf 'email,score,responded_on\nann@acme.com,9,2026-05-05\n' >nps.csv
run import nps nps.csv -q
expect_eq "$(on_of client 1 nps)" 2026-05-05 "NPS: the response's date"
printf 'email,name\nbob@acme.com,Bob\n' >people.csv
run import clients people.csv -q
expect_eq "$(sql "select on_date from events where entity = 'client' and what = 'created' and new like '%bob@acme.com%'")" \
  2026-12-31 "people import: today"

# refer show REF: every event with its business date; money as money, the referrer by email,
# created as a line.
run show 1
expect_rc 0
expect_out_has "deal_value       \$24,000.00"
OUT=$(at_free "$OUT")
expect_eq "$(sed -n '/^Events$/,/^$/p' <<<"$OUT")" "Events
  2026-03-01  <at>  tester  created: referrer ann@acme.com, referee_name Sam Lee, referee_email sam@globex.com, referee_company Globex, source client, submitted_on 2026-03-01, status submitted, status_on 2026-03-01, consent yes
  2026-03-02  <at>  tester  status: submitted -> contacted
  2026-03-02  <at>  tester  status_on: 2026-03-01 -> 2026-03-02
  2026-03-02  <at>  tester  contacted_on: - -> 2026-03-02
  2026-03-20  <at>  tester  status: contacted -> won
  2026-03-20  <at>  tester  status_on: 2026-03-02 -> 2026-03-20
  2026-03-20  <at>  tester  meeting_on: - -> 2026-03-20
  2026-03-20  <at>  tester  qualified_on: - -> 2026-03-20
  2026-03-20  <at>  tester  won_on: - -> 2026-03-20
  2026-03-20  <at>  tester  deal_value: - -> 24,000.00
  2026-12-31  <at>  tester  fit_industry: - -> 3
  2026-12-31  <at>  tester  note: - -> two-year deal" "show REF: the timeline as people read it"
run show 1 --json
expect_eq "$(jq -c '.events[] | select(.what == "deal_value") | [.on, .old, .new]' <<<"$OUT")" '["2026-03-20",null,"2400000"]' \
  "JSON keeps the stored values"

# refer show PERSON: their events too, read the same way.
run show sam@globex.com
OUT=$(at_free "$OUT")
expect_eq "$(sed -n '/^Events$/,$p' <<<"$OUT")" "Events
  2026-03-20  <at>  tester  created: email sam@globex.com, name Sam Lee, company Globex, kind client, annual_value 24,000.00, started_on 2026-03-20, source referral, referred_by referral 1" \
  "show PERSON: created as a line, money as money"
run show ann@acme.com
OUT=$(at_free "$OUT")
expect_eq "$(sed -n '/^Events$/,$p' <<<"$OUT")" "Events
  2026-12-31  <at>  tester  created: email ann@acme.com, name Ann Acme, company Acme, kind client
  2026-04-01  <at>  tester  milestone: 2026-04-01 went live
  2026-04-10  <at>  tester  ask: 2026-04-10
  2026-05-05  <at>  tester  nps: 9 on 2026-05-05" "show PERSON: milestone, ask, NPS on their dates"
run show ann@acme.com --json
expect_eq "$(jq -c '[.events[] | [.on, .what]]' <<<"$OUT")" \
  '[["2026-12-31","created"],["2026-04-01","milestone"],["2026-04-10","ask"],["2026-05-05","nps"]]' "show PERSON --json: events"

# The user: $USER, else $LOGNAME, else the login name; "unknown" only when nothing is known.
login=$(logname 2>/dev/null || id -un)
env -u USER -u LOGNAME "$REFER" tag add ann@acme.com vip -q
expect_eq "$(sql "select user from events order by id desc limit 1")" "$login" "USER and LOGNAME unset: the login name"
[ "$login" != unknown ] || fail "the test needs a login name"
env -u USER LOGNAME=jdoe "$REFER" tag add ann@acme.com board -q
expect_eq "$(sql "select user from events order by id desc limit 1")" jdoe "USER unset: LOGNAME"
USER= LOGNAME= "$REFER" tag remove ann@acme.com board -q
expect_eq "$(sql "select user from events order by id desc limit 1")" "$login" "USER and LOGNAME empty: the login name"

# refer export events keeps its shape (SPEC 10) and the stored values; `on` is the business date.
run export events
expect_eq "$(head -n1 <<<"$OUT")" "id,at,on,entity,entity_id,what,old,new,user"
expect_eq "$(grep -E '^[0-9]+,[^,]+,2026-03-20,referral,1,deal_value,' <<<"$OUT" | cut -d, -f3-)" \
  "2026-03-20,referral,1,deal_value,,2400000,tester" "export: cents, as stored"
run export events --json
expect_eq "$(jq -c '[.[] | keys_unsorted] | unique' <<<"$OUT")" '[["id","at","on","entity","entity_id","what","old","new","user"]]'
expect_eq "$(jq -r '.[] | select(.entity == "client" and .what == "created" and .entity_id == 2) | .new' <<<"$OUT")" \
  '{"email":"sam@globex.com","name":"Sam Lee","company":"Globex","kind":"client","annual_value":"2400000","started_on":"2026-03-20","source":"referral","referred_by":"1"}' \
  "export: the created JSON, with the referral that brought them"

finish
