#!/usr/bin/env bash
# refer import referrals: the rules of submit and advance per row, all or nothing, --skip-invalid
# with rejects, --dry-run, re-import unchanged, updates that continue a referral's history.
. "$(dirname "$0")/lib.sh"

row() { sql "select id, referrer_id, coalesce(referee_email,'-'), source, submitted_on, status, status_on, coalesce(contacted_on,'-'), coalesce(meeting_on,'-'), coalesce(qualified_on,'-'), coalesce(won_on,'-'), coalesce(lost_on,'-'), coalesce(lost_reason,'-'), coalesce(deal_value,'-'), consent, coalesce(note,'-') from referrals where id = $1"; }

printf 'email,name,company,kind\nann@acme.com,Ann Acme,Acme,client\npat@partner.io,Pat Partner,Partner Co,partner\n' >people.csv
printf 'email,name,external_id\nx@ext.io,Ext Person,crm-9\n' >ext.csv
run import clients people.csv -q
expect_rc 0
run import clients ext.csv -q
expect_rc 0

# Every invalid row is reported with its line; nothing is imported; no rejects file.
cat >bad.csv <<'EOF'
referrer_email,referee_name,referee_email,submitted_on,status,status_on,deal_value,consent
ghost@nowhere.com,A,a@a.com,2026-01-01,,,,
ann@acme.com,B,b@b.com,2026-01-01,closed,,,
ann@acme.com,C,c@c.com,2026-13-01,,,,
ann@acme.com,D,d@d.com,2026-02-01,contacted,2026-01-15,,
ann@acme.com,E,e@e.com,2026-02-01,won,2026-03-01,,
ann@acme.com,F,f@f.com,2026-02-01,,,,maybe
ann@acme.com,Ann,ann@acme.com,2026-02-01,,,,
ann@acme.com,G,g@g.com,2026-02-01,won,,100,
EOF
before=$(db_sum)
run import referrals bad.csv
expect_rc 1
expect_err 'refer: error: bad.csv:2: unknown referrer "ghost@nowhere.com" (import or refer add them first)
refer: error: bad.csv:3: unknown status "closed" in column "status" (submitted, contacted, meeting, qualified, won or lost)
refer: error: bad.csv:4: invalid date "2026-13-01" in column "submitted_on"
refer: error: bad.csv:5: status_on: the date 2026-01-15 precedes the submission on 2026-02-01
refer: error: bad.csv:6: won needs a deal value (column deal_value)
refer: error: bad.csv:7: invalid consent "maybe" in column "consent" (true, false, yes, no, 1 or 0)
refer: error: bad.csv:8: ann@acme.com cannot refer themselves
refer: error: bad.csv:9: no date for status won (columns status_on, won_on)
refer: error: bad.csv: 8 invalid rows; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(db_sum)" "$before" "a refused import changes nothing"
[ -e bad.csv.rejects.csv ] && fail "no rejects file without --skip-invalid"

# A good file: defaults (source = referrer's kind, status submitted), status_on fills skipped
# stages, per-stage dates win over status_on, lost with a reason, ext:ID referrers.
cat >good.csv <<'EOF'
referrer_email,referee_name,referee_email,referee_company,source,submitted_on,status,status_on,contacted_on,meeting_on,deal_value,lost_reason,consent,note
ann@acme.com,Sam Lee,SAM@globex.com,Globex,,2026-01-05,,,,,,,yes,"first, with a comma"
pat@partner.io,Kim Ray,kim@initech.com,Initech,,2026-01-06,won,2026-03-01,2026-01-10,,"$24,000.00",,1,
ann@acme.com,Lou Poe,lou@hooli.com,Hooli,other,2026-01-07,won,2026-03-02,2026-01-08,2026-02-01,12000,,,
ext:crm-9,Max Moe,max@umbrella.com,,,2026-01-08,lost,2026-02-02,2026-01-09,,,budget cut,no,
ann@acme.com,Ida Fox,ida@vandelay.com,,,2026-01-09,meeting,2026-01-20,,,,,,
EOF
run import referrals good.csv
expect_rc 0
expect_err "good.csv: 5 rows: 5 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(row 1)" "1|1|sam@globex.com|client|2026-01-05|submitted|2026-01-05|-|-|-|-|-|-|-|1|first, with a comma"
expect_eq "$(row 2)" "2|2|kim@initech.com|partner|2026-01-06|won|2026-03-01|2026-01-10|2026-03-01|2026-03-01|2026-03-01|-|-|2400000|1|-"
expect_eq "$(row 3)" "3|1|lou@hooli.com|other|2026-01-07|won|2026-03-02|2026-01-08|2026-02-01|2026-03-02|2026-03-02|-|-|1200000|0|-"
expect_eq "$(row 4)" "4|3|max@umbrella.com|client|2026-01-08|lost|2026-02-02|2026-01-09|-|-|-|2026-02-02|budget cut|-|0|-"
expect_eq "$(row 5)" "5|1|ida@vandelay.com|client|2026-01-09|meeting|2026-01-20|2026-01-20|2026-01-20|-|-|-|-|-|0|-"
# Won rows make the referee a client, as advance does.
expect_eq "$(sql "select email, name, company, kind, source, referred_by, started_on, annual_value from clients where source = 'referral' order by id")" \
"kim@initech.com|Kim Ray|Initech|client|referral|2|2026-03-01|2400000
lou@hooli.com|Lou Poe|Hooli|client|referral|3|2026-03-02|1200000"
expect_eq "$(sql "select count(*) from events where entity = 'referral' and what = 'created'")" 5
expect_eq "$(sql "select new from events where entity = 'referral' and entity_id = 1")" \
  '{"referrer_id":"1","referee_name":"Sam Lee","referee_email":"sam@globex.com","referee_company":"Globex","source":"client","submitted_on":"2026-01-05","status":"submitted","status_on":"2026-01-05","consent":"true","note":"first, with a comma"}'

# Re-importing the same file creates nothing.
before=$(db_sum)
run import referrals good.csv --json
expect_rc 0
expect_out '{"file":"good.csv","rows":5,"new":0,"updated":0,"unchanged":5,"rejected":0,"skipped":0}'
expect_eq "$(sql "select count(*) from referrals")" 5

# First referral wins within 365 days: the row names the earlier referral; a later status for
# the same referral (same referrer, referee, submitted_on) updates it; moving back is refused.
cat >more.csv <<'EOF'
referrer_email,referee_name,referee_email,submitted_on,status,status_on,deal_value,note
pat@partner.io,Sam Again,sam@globex.com,2026-06-01,,,,
ann@acme.com,Sam Lee,sam@globex.com,2026-01-05,contacted,2026-01-12,,updated note
ann@acme.com,Ida Fox,ida@vandelay.com,2026-01-09,contacted,2026-01-20,,
pat@partner.io,Sam Later,sam@globex.com,2027-01-05,,,,
EOF
before=$(db_sum)
run import referrals more.csv
expect_rc 1
expect_err 'refer: error: more.csv:2: sam@globex.com was already referred by ann@acme.com on 2026-01-05 (referral 1); the first referral within 365 days wins
refer: error: more.csv:4: referral 5 already reached meeting on 2026-01-20; the row says never (refer advance --force moves it back)
refer: error: more.csv: 2 invalid rows; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(db_sum)" "$before" "nothing changes"

# --dry-run counts and writes nothing.
run import referrals more.csv --skip-invalid --dry-run --json
expect_rc 0
expect_out '{"file":"more.csv","rows":4,"new":1,"updated":1,"unchanged":0,"rejected":2,"skipped":0,"dry_run":true}'
expect_eq "$(db_sum)" "$before" "a dry run changes nothing"
[ -e more.csv.rejects.csv ] && fail "a dry run writes no rejects file"

# --skip-invalid: valid rows imported, the others in the rejects file with an error column.
run import referrals more.csv --skip-invalid
expect_rc 0
expect_err_has "more.csv: 4 rows: 1 new, 1 updated, 0 unchanged, 2 rejected (T s)"
expect_eq "$(cat more.csv.rejects.csv)" 'referrer_email,referee_name,referee_email,submitted_on,status,status_on,deal_value,note,error
pat@partner.io,Sam Again,sam@globex.com,2026-06-01,,,,,sam@globex.com was already referred by ann@acme.com on 2026-01-05 (referral 1); the first referral within 365 days wins
ann@acme.com,Ida Fox,ida@vandelay.com,2026-01-09,contacted,2026-01-20,,,referral 5 already reached meeting on 2026-01-20; the row says never (refer advance --force moves it back)'
expect_eq "$(row 1)" "1|1|sam@globex.com|client|2026-01-05|contacted|2026-01-12|2026-01-12|-|-|-|-|-|-|1|updated note"
expect_eq "$(row 6)" "6|2|sam@globex.com|partner|2027-01-05|submitted|2027-01-05|-|-|-|-|-|-|-|0|-" "365 days later a new referral counts"
expect_eq "$(sql "select what || ':' || coalesce(old,'-') || '>' || coalesce(new,'-') from events where entity = 'referral' and entity_id = 1 and what <> 'created' order by id")" \
"status:submitted>contacted
status_on:2026-01-05>2026-01-12
contacted_on:->2026-01-12
note:first, with a comma>updated note"

# Ids ascend in file order; a row in the file is judged against the rows before it.
cat >order.csv <<'EOF'
referrer_email,referee_name,referee_email,submitted_on
ann@acme.com,Z,zed@zeta.com,2026-05-01
pat@partner.io,Y,yan@ypsilon.com,2026-04-01
pat@partner.io,Z2,zed@zeta.com,2026-05-02
EOF
run import referrals order.csv --skip-invalid
expect_rc 0
expect_eq "$(sql "select id || ':' || referee_email from referrals where id > 6 order by id")" "7:zed@zeta.com
8:yan@ypsilon.com"
expect_eq "$(tail -n1 order.csv.rejects.csv)" "pat@partner.io,Z2,zed@zeta.com,2026-05-02,zed@zeta.com was already referred by ann@acme.com on 2026-05-01 (referral 7); the first referral within 365 days wins"

# Missing required columns and an empty file.
printf 'referee_name,submitted_on\nA,2026-01-01\n' >nocol.csv
run import referrals nocol.csv
expect_rc 1
expect_err "refer: error: nocol.csv:1: no referrer_email column (name one with --map 'Header=referrer_email')"
printf 'Referrer,Name,Date\nann@acme.com,Q,2026-02-03\n' >mapped.csv
run import referrals mapped.csv --map 'Name=referee_name' --map 'Date=submitted_on' --json
expect_rc 0
expect_out '{"file":"mapped.csv","rows":1,"new":1,"updated":0,"unchanged":0,"rejected":0,"skipped":0}'

# A refused import into a new database leaves no database behind.
REFER_DB="$TMP/fresh.db" run import referrals good.csv
expect_rc 1
expect_err_has 'unknown referrer "ann@acme.com"'
[ -e "$TMP/fresh.db" ] && fail "no database left behind"

# A US-style date gets the same hint as in the people import; nothing is written.
printf 'referrer_email,referee_name,referee_email,submitted_on\nann@acme.com,Dee,dee@us-dates.com,11/20/2026\n' >us.csv
before=$(db_sum)
run import referrals us.csv
expect_rc 1 "US date"
expect_err 'refer: error: us.csv:2: invalid date "11/20/2026" in column "submitted_on" (dates are YYYY-MM-DD; for other forms give --date-format, e.g. %m/%d/%Y)
refer: error: us.csv: 1 invalid row; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(db_sum)" "$before" "a refused import changes nothing"
run import referrals us.csv --date-format %m/%d/%Y -q
expect_rc 0 "with --date-format"
expect_eq "$(sql "select submitted_on from referrals where referee_email = 'dee@us-dates.com'")" 2026-11-20

finish
