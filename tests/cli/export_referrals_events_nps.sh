#!/usr/bin/env bash
# refer export events and nps: the shapes of SPEC 10, in id order, CSV and JSON; an event's
# `on` is its business date (an NPS response's date, the submission, the move's date).
. "$(dirname "$0")/lib.sh"

run add ann@acme.com --name 'Ann Acme'
printf 'email,score,responded_on,comment\nann@acme.com,9,2026-10-01,"great, fast"\nann@acme.com,7,2026-11-01,\n' >nps.csv
run import nps nps.csv -q
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-11-20
run advance 1 contacted --on 2026-11-21
expect_rc 0

run export nps --json
expect_rc 0
expect_eq "$(jq -c . <<<"$OUT")" '[{"email":"ann@acme.com","score":9,"responded_on":"2026-10-01","comment":"great, fast"},{"email":"ann@acme.com","score":7,"responded_on":"2026-11-01","comment":null}]'
run export nps
expect_out 'email,score,responded_on,comment
ann@acme.com,9,2026-10-01,"great, fast"
ann@acme.com,7,2026-11-01,'

run export events --json
expect_rc 0
expect_eq "$(jq -c '[.[] | keys_unsorted] | unique' <<<"$OUT")" '[["id","at","on","entity","entity_id","what","old","new","user"]]'
expect_eq "$(jq -r '.[] | [.id, .on, .entity, .entity_id, .what, (.old // "-"), .user] | join("|")' <<<"$OUT" | tail -n 5)" \
"3|2026-11-01|client|1|nps|-|tester
4|2026-11-20|referral|1|created|-|tester
5|2026-11-21|referral|1|status|submitted|tester
6|2026-11-21|referral|1|status_on|2026-11-20|tester
7|2026-11-21|referral|1|contacted_on|-|tester"
expect_eq "$(jq -r '[.[] | .at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")] | all' <<<"$OUT")" true "timestamps are ISO 8601 UTC"
expect_eq "$(jq -r 'map(.id) == (map(.id) | sort)' <<<"$OUT")" true "ordered by id"
run export events
expect_eq "$(head -n1 <<<"$OUT")" "id,at,on,entity,entity_id,what,old,new,user"
expect_eq "$(sed -n '$p' <<<"$OUT" | cut -d, -f1,3-)" "7,2026-11-21,referral,1,contacted_on,,2026-11-21,tester"

finish
