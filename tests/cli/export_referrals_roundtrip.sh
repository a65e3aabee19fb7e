#!/usr/bin/env bash
# refer export referrals --raw re-imports into an empty database (with the same clients) as the
# same referrals: won, lost, forced back, notes with commas, quotes, newlines and a leading `=`.
. "$(dirname "$0")/lib.sh"

run add ann@acme.com --name 'Ann Acme' --company Acme
run add pat@partner.io --name 'Pat Partner' --kind partner
expect_rc 0
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --company Globex --on 2026-01-05 --consent \
  --note $'=SUM(A1), "quoted"\nsecond line'
run submit --by pat@partner.io --name 'Kim Ray' --email kim@initech.com --on 2026-01-06
run submit --by ann@acme.com --name 'Lou Poe' --email lou@hooli.com --on 2026-01-07 --source other
run submit --by ann@acme.com --name 'Ida Fox' --email ida@vandelay.com --on 2026-01-08
run advance 1 contacted --on 2026-01-10
run advance 1 won --on 2026-03-01 --value '24,000.50'
run advance 2 meeting --on 2026-01-20
run advance 2 lost --on 2026-02-01 --reason '-too expensive, "really"'
run advance 3 won --on 2026-02-10 --value 9000
run advance 3 meeting --on 2026-02-12 --force
run advance 4 qualified --on 2026-01-15 --value 5000
run advance 4 lost --on 2026-01-20 --reason 'went quiet'
run advance 4 qualified --on 2026-01-25 --force
expect_rc 0

run export referrals
expect_rc 0
expect_out 'referrer_email,referee_name,referee_email,referee_company,source,submitted_on,status,contacted_on,meeting_on,qualified_on,won_on,lost_on,deal_value,lost_reason,consent,note,fit_industry,fit_role,fit_size,fit_urgency
ann@acme.com,Sam Lee,sam@globex.com,Globex,client,2026-01-05,won,2026-01-10,2026-03-01,2026-03-01,2026-03-01,,24000.50,,true,"'"'"'=SUM(A1), ""quoted""
second line",,,,
pat@partner.io,Kim Ray,kim@initech.com,,partner,2026-01-06,lost,2026-01-20,2026-01-20,,,2026-02-01,,"'"'"'-too expensive, ""really""",false,,,,,
ann@acme.com,Lou Poe,lou@hooli.com,,other,2026-01-07,meeting,2026-02-10,2026-02-12,,,,9000.00,,false,,,,,
ann@acme.com,Ida Fox,ida@vandelay.com,,client,2026-01-08,qualified,2026-01-15,2026-01-15,2026-01-25,,,5000.00,,false,,,,,'

run export referrals --raw --output one.csv
expect_rc 0
expect_err "one.csv: 4 referrals"
expect_eq "$(sed -n 2p one.csv)" 'ann@acme.com,Sam Lee,sam@globex.com,Globex,client,2026-01-05,won,2026-01-10,2026-03-01,2026-03-01,2026-03-01,,24000.50,,true,"=SUM(A1), ""quoted""'
run export clients --raw --output clients.csv
expect_rc 0

# A fresh database with the same clients.
export REFER_DB="$TMP/two.db"
run import clients clients.csv -q
expect_rc 0
run import referrals one.csv --json
expect_rc 0
expect_out '{"file":"one.csv","rows":4,"new":4,"updated":0,"unchanged":0,"rejected":0,"skipped":0}'
run export referrals --raw --output two.csv
expect_rc 0
cmp -s one.csv two.csv || fail "the second export differs: $(diff one.csv two.csv)"
# The won referee is a client referred by referral 1 again. (A referee whose referral was moved
# back out of won keeps its client record, but only refer sets referred_by: the people import
# does not, so lou@hooli.com comes back without it.)
expect_eq "$(sql "select email, kind, source, coalesce(referred_by,'-'), started_on, annual_value from clients where source = 'referral' order by id")" \
"sam@globex.com|client|referral|1|2026-03-01|2400050
lou@hooli.com|client|referral|-|2026-02-10|900000"
expect_eq "$(sql "select id, referee_email, status, status_on, coalesce(deal_value,'-') from referrals order by id")" \
"1|sam@globex.com|won|2026-03-01|2400050
2|kim@initech.com|lost|2026-02-01|-
3|lou@hooli.com|meeting|2026-02-12|900000
4|ida@vandelay.com|qualified|2026-01-25|500000"
run export referrals --json
expect_eq "$(jq -c '.[0] | [.id, .referrer_email, .deal_value_cents, .consent, .note]' <<<"$OUT")" \
  '[1,"ann@acme.com",2400050,true,"=SUM(A1), \"quoted\"\nsecond line"]'

# Importing the export again changes nothing.
run import referrals two.csv --json
expect_out '{"file":"two.csv","rows":4,"new":0,"updated":0,"unchanged":4,"rejected":0,"skipped":0}'

# Empty: nothing in CSV, [] in JSON.
export REFER_DB="$TMP/empty.db"
run add z@z.com
run export referrals
expect_rc 0
expect_out ""
run export referrals --json
expect_out "[]"

finish
