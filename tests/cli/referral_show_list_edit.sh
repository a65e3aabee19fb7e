#!/usr/bin/env bash
# refer referrals, refer show REF|PERSON and refer edit: exact listings, the event timeline, corrections.
. "$(dirname "$0")/lib.sh"

run referrals
expect_rc 1 "no database yet"
run add ann@acme.com --name 'Ann Acme' --company Acme
run add pat@partners.io --name 'Pat Partner' --kind partner
run referrals
expect_rc 0
expect_out ""
run referrals --json
expect_out "[]"

run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --company Globex --on 2026-09-01 --consent
run submit --by pat@partners.io --name 'Kim Park' --email kim@initech.com --on 2026-10-01 --note '=careful'
run advance 1 won --on 2026-10-05 --value 24000
run advance 2 lost --on 2026-10-09 --reason 'no budget'

run referrals --json
expect_rc 0
OUT=$(echo "$OUT" | jq -c .)
expect_out '[{"id":1,"referrer_email":"ann@acme.com","referee_name":"Sam Lee","referee_email":"sam@globex.com","referee_company":"Globex","source":"client","status":"won","submitted_on":"2026-09-01","contacted_on":"2026-10-05","meeting_on":"2026-10-05","qualified_on":"2026-10-05","won_on":"2026-10-05","lost_on":null,"lost_reason":null,"deal_value_cents":2400000,"consent":true,"note":null,"fit_industry":null,"fit_role":null,"fit_size":null,"fit_urgency":null,"fit_score":null,"priority":false},{"id":2,"referrer_email":"pat@partners.io","referee_name":"Kim Park","referee_email":"kim@initech.com","referee_company":null,"source":"partner","status":"lost","submitted_on":"2026-10-01","contacted_on":null,"meeting_on":null,"qualified_on":null,"won_on":null,"lost_on":"2026-10-09","lost_reason":"no budget","deal_value_cents":null,"consent":false,"note":"=careful","fit_industry":null,"fit_role":null,"fit_size":null,"fit_urgency":null,"fit_score":null,"priority":false}]'
run referrals
expect_out "id  referrer         referee                     company  status  status_on   deal_value  fit
 1  ann@acme.com     Sam Lee <sam@globex.com>    Globex   won     2026-10-05  \$24,000.00
 2  pat@partners.io  Kim Park <kim@initech.com>           lost    2026-10-09"
run referrals --status lost --format csv
expect_out "id,referrer_email,referee_name,referee_email,referee_company,source,status,submitted_on,contacted_on,meeting_on,qualified_on,won_on,lost_on,lost_reason,deal_value,consent,note,fit_industry,fit_role,fit_size,fit_urgency,fit_score,priority
2,pat@partners.io,Kim Park,kim@initech.com,,partner,lost,2026-10-01,,,,,2026-10-09,no budget,,false,'=careful,,,,,,false"
run referrals --by ann@acme.com --status won --json
expect_eq "$(echo "$OUT" | jq -c 'map(.id)')" "[1]"
run referrals --by pat@partners.io --status won --json
expect_out "[]"
run referrals --by nobody@acme.com
expect_rc 1
expect_err 'refer: error: unknown person "nobody@acme.com"'
run referrals --status closed
expect_rc 2

# show REF: the referral, every event with user and ISO UTC timestamp, payouts.
run show 1 --json
expect_rc 0
expect_eq "$(echo "$OUT" | jq -c '[.id, .status, .deal_value_cents, .payouts]')" '[1,"won",2400000,[]]'
expect_eq "$(echo "$OUT" | jq -r '.events | map(.what) | join(",")')" \
  "created,status,status_on,contacted_on,meeting_on,qualified_on,won_on,deal_value"
expect_eq "$(echo "$OUT" | jq -c '.events[1] | [.on, .old, .new, .user]')" '["2026-10-05","submitted","won","tester"]'
expect_eq "$(echo "$OUT" | jq -r '.events | map(keys_unsorted | join(",")) | unique | join(";")')" "at,on,what,old,new,user"
expect_eq "$(echo "$OUT" | jq -r '.events | map(.at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) | all')" "true"
expect_eq "$(echo "$OUT" | jq -c '.events[-1] | [.old, .new]')" '[null,"2400000"]' "absent old value is null"
run show kim@initech.com --json
expect_eq "$(echo "$OUT" | jq -c '[.id, .lost_reason]')" '[2,"no budget"]' "REF by referee email"
run show 2
expect_rc 0
expect_out_has "lost_reason      no budget"
expect_out_has "status: submitted -> lost"
run show 42
expect_rc 1
expect_err 'refer: error: unknown referral "42"'
run show nobody@nowhere.com
expect_rc 1
expect_err 'refer: error: unknown person or referral "nobody@nowhere.com"'

# show PERSON lists the referrals they sent; the won referee is a person now.
run show ann@acme.com --json
expect_eq "$(echo "$OUT" | jq -c '[.referrals[] | [.id, .referee_email, .status]]')" '[[1,"sam@globex.com","won"]]'
run show sam@globex.com --json
expect_eq "$(echo "$OUT" | jq -c '[.email, .kind, .source, .referred_by, .referrals]')" '["sam@globex.com","client","referral",1,[]]'

# edit: corrections as events, no status move.
before=$(db_sum)
run edit 1 --value ''
expect_rc 1 "won keeps a value"
expect_err "refer: error: referral 1 is won: it keeps a deal value"
run edit 9 --note x
expect_rc 1
expect_err 'refer: error: unknown referral "9"'
run edit 1 --value 'lots'
expect_rc 2
run edit 1 --email 'bad@'
expect_rc 2
run edit 1 --consent --no-consent
expect_rc 2
expect_eq "$(db_sum)" "$before" "refused edits change nothing"
run edit 1 --value 30,000.50 --note 'two-year deal' --no-consent --company 'Globex Corp'
expect_rc 0
expect_err "referral 1: corrected"
expect_eq "$(sql "select status, status_on, deal_value, note, consent, referee_company from referrals where id = 1")" \
  "won|2026-10-05|3000050|two-year deal|0|Globex Corp"
expect_eq "$(sql "select group_concat(what || ':' || coalesce(old,'-') || '>' || coalesce(new,'-'), ' ') from (select * from events where entity = 'referral' and entity_id = 1 and id > (select max(id) from events where what = 'deal_value' and new = '2400000') order by id)")" \
  "referee_company:Globex>Globex Corp deal_value:2400000>3000050 consent:true>false note:->two-year deal"
events=$(sql 'select count(*) from events')
run edit sam@globex.com --note 'two-year deal'
expect_rc 0
expect_err "referral 1: nothing to change"
expect_eq "$(sql 'select count(*) from events')" "$events" "no change, no event"
run edit 2 --note ''
expect_eq "$(sql "select note is null from referrals where id = 2")" 1 "an empty text clears"
# Status names are case-insensitive on the command line, as in imports.
run referrals --status won --format csv
lower=$OUT
run referrals --status WON --format csv
expect_rc 0 "--status WON"
expect_out "$lower" "--status WON lists the won referrals"
[ -n "$lower" ] || fail "no won referral to list"

finish
