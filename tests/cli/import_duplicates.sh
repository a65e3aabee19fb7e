#!/usr/bin/env bash
# Duplicates are net (SPEC 5, issue 11): counts and events describe the change from the ledger
# before the import to the ledger after it; the last row of a person wins and the earlier rows
# change nothing; re-importing any file reports 0 new, 0 updated.
. "$(dirname "$0")/lib.sh"

people() { sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" "select email, name, company from clients order by email"; }
events() { sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" "select what, old, new from events order by id"; }
fresh() { rm -f "$REFER_DB" "$REFER_DB"-wal "$REFER_DB"-shm; }

# --- The issue's file: one email on lines 2 and 4 with different companies ---------------------
# (before: `2 new, 1 updated`, then `0 new, 2 updated` with two more events on every re-import)
printf 'email,name,company\na@x.com,Ann,Acme Ltd\nb@x.com,Bob,Beta\nA@x.com,Ann,Acme\n' >dups.csv
run import clients dups.csv
expect_rc 0 "first import"
expect_err "refer: warning: dups.csv:4: a@x.com already appeared on line 2; the last row wins
dups.csv: 3 rows: 2 new, 0 updated, 1 unchanged, 0 rejected (T s)" "first import"
expect_eq "$(people)" "a@x.com|Ann|Acme
b@x.com|Bob|Beta" "the last row wins"
# Ann is created once, as the last row says: no event for the company the last row undid.
expect_eq "$(events)" 'created|null|{"email":"b@x.com","name":"Bob","company":"Beta"}
created|null|{"email":"a@x.com","name":"Ann","company":"Acme"}' "events: the net change"
for round in 1 2; do
  run import clients dups.csv --json
  expect_rc 0 "re-import $round"
  expect_out '{"file":"dups.csv","rows":3,"new":0,"updated":0,"unchanged":3,"rejected":0,"skipped":0}' "re-import $round"
  expect_err "refer: warning: dups.csv:4: a@x.com already appeared on line 2; the last row wins" "re-import $round"
  expect_eq "$(sql 'select count(*) from events')" 2 "re-import $round writes no event"
done

# --- A change that a later row undoes writes nothing ---------------------------------------------
fresh
printf 'email,name,company\nann@x.com,Ann,Acme\n' >ann.csv
run import clients ann.csv -q
printf 'email,name,company\nann@x.com,Ann,Acme Ltd\ncy@x.com,Cy,Gamma\nANN@x.com ,Ann,Acme\n' >undo.csv
run import clients undo.csv
expect_rc 0 "undone change"
expect_err "refer: warning: undo.csv:4: ann@x.com already appeared on line 2; the last row wins
undo.csv: 3 rows: 1 new, 0 updated, 2 unchanged, 0 rejected (T s)" "undone change"
expect_eq "$(events)" 'created|null|{"email":"ann@x.com","name":"Ann","company":"Acme"}
created|null|{"email":"cy@x.com","name":"Cy","company":"Gamma"}' "no event for a change a later row undoes"

# Three rows of one person, the middle one invalid: the last valid row wins.
printf 'email,name,company,started_on\nann@x.com,Ann,One,\nann@x.com,Ann,Two,2026-02-30\nann@x.com,Ann,Three,\n' >three.csv
run import clients three.csv --skip-invalid --rejects three.rejects.csv
expect_rc 0 "three rows"
expect_err 'refer: error: three.csv:3: invalid date "2026-02-30" in column "started_on"
refer: warning: three.csv:4: ann@x.com already appeared on line 2; the last row wins
three.csv: 3 rows: 0 new, 1 updated, 1 unchanged, 1 rejected (T s)' "three rows"
expect_eq "$(events | tail -n 1)" "company|Acme|Three" "one event: the net change"
# The last row invalid: the earlier valid row applies.
printf 'email,company,started_on\nann@x.com,Four,\nann@x.com,Five,2026-13-01\n' >lastbad.csv
run import clients lastbad.csv --skip-invalid --rejects lastbad.rejects.csv -q
expect_rc 0 "last row invalid"
expect_eq "$(sql "select company from clients where email='ann@x.com'")" Four "an invalid row supersedes nothing"

# --- By external id, for rows without an email; from standard input ----------------------------
fresh
printf 'external_id,name\ncrm-7,Dee\ncrm-8,Eve\ncrm-7,Dee Long\n' >ext.csv
run import clients - <ext.csv
expect_rc 0 "external ids from stdin"
expect_err "refer: warning: stdin:4: ext:crm-7 already appeared on line 2; the last row wins
stdin: 3 rows: 2 new, 0 updated, 1 unchanged, 0 rejected (T s)" "external ids from stdin"
expect_eq "$(sqlite3 -batch -noheader -separator '|' "$REFER_DB" 'select external_id, name from clients order by external_id')" "crm-7|Dee Long
crm-8|Eve" "external ids from stdin"

# A pipe named as the file is read twice too (copied first).
mkfifo ext.fifo
cat ext.csv >ext.fifo &
run import clients ext.fifo --json -q
wait
expect_rc 0 "a fifo"
expect_out '{"file":"ext.fifo","rows":3,"new":0,"updated":0,"unchanged":3,"rejected":0,"skipped":0}' "a fifo"

# --- NPS: rows for the same person and day are one response; the last wins ---------------------
fresh
printf 'email,name\nann@x.com,Ann\nbob@x.com,Bob\n' >nps-people.csv
run import clients nps-people.csv -q
printf 'email,score,responded_on\nann@x.com,9,2026-11-01\nbob@x.com,7,2026-11-01\nANN@x.com,6,2026-11-01\n' >survey.csv
run import nps survey.csv
expect_rc 0 "nps duplicates"
expect_err "refer: warning: survey.csv:4: the response of ann@x.com on 2026-11-01 already appeared on line 2; the last row wins
survey.csv: 3 rows: 2 new, 0 updated, 1 unchanged, 0 rejected (T s)" "nps duplicates"
expect_eq "$(sqlite3 -batch -noheader -separator '|' "$REFER_DB" 'select c.email, n.score from nps_responses n join clients c on c.id = n.client_id order by c.email')" "ann@x.com|6
bob@x.com|7" "nps: the last row wins"
expect_eq "$(sql "select count(*) from events where what = 'nps'")" 2 "nps: one event per response"
run import nps survey.csv --json -q
expect_rc 0 "nps re-import"
expect_out '{"file":"survey.csv","rows":3,"new":0,"updated":0,"unchanged":3,"rejected":0,"skipped":0}' "nps re-import"
expect_eq "$(sql "select count(*) from events where what = 'nps'")" 2 "nps re-import writes no event"
finish
