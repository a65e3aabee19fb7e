#!/usr/bin/env bash
# NPS survey exports: SurveyMonkey (2 header rows, rejected rows) and Qualtrics (3 header
# rows, BOM, CRLF) onto the people of nps-people.csv; re-importing changes nothing.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/import
cp "$F/surveymonkey-nps.csv" "$F/qualtrics-nps.csv" .

responses() {
  sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" \
    "select c.email, r.score, r.responded_on, r.comment from nps_responses r join clients c on c.id = r.client_id order by r.id"
}

run import clients "$F/nps-people.csv"
expect_rc 0 people
expect_err "$F/nps-people.csv: 10 rows: 10 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(sql "select name from clients where email='keiko.mori@mori-consulting.jp'")" "森 恵子"

# --- SurveyMonkey: two invalid rows refuse the whole file ----------------------------------
before=$(db_sum)
run import nps surveymonkey-nps.csv
expect_rc 1 "surveymonkey without --skip-invalid"
expect_err "refer: warning: surveymonkey-nps.csv: ignoring columns: Respondent ID, Collector ID, Start Date, IP Address, First Name, Last Name
refer: error: surveymonkey-nps.csv:7: no email in column \"Email Address\": the response cannot be matched
refer: error: surveymonkey-nps.csv:9: no score in column \"How likely is it that you would recommend us to a friend or colleague?\"
refer: error: surveymonkey-nps.csv: 2 invalid rows; nothing imported (--skip-invalid imports the valid rows)"
expect_eq "$(db_sum)" "$before" "refused NPS import leaves the database byte-for-byte unchanged"
expect_eq "$(sql 'select count(*) from nps_responses')" 0
[ -e surveymonkey-nps.csv.rejects.csv ] && fail "no rejects file without --skip-invalid"

run import nps surveymonkey-nps.csv --dry-run --skip-invalid --json -q
expect_rc 0 "dry run"
expect_out '{"file":"surveymonkey-nps.csv","rows":7,"new":5,"updated":0,"unchanged":0,"rejected":2,"skipped":0,"dry_run":true}'
expect_eq "$(db_sum)" "$before" "dry run writes nothing"
[ -e surveymonkey-nps.csv.rejects.csv ] && fail "no rejects file on a dry run"

run import nps surveymonkey-nps.csv --skip-invalid
expect_rc 0 "surveymonkey --skip-invalid"
expect_err "refer: warning: surveymonkey-nps.csv: ignoring columns: Respondent ID, Collector ID, Start Date, IP Address, First Name, Last Name
refer: error: surveymonkey-nps.csv:7: no email in column \"Email Address\": the response cannot be matched
refer: error: surveymonkey-nps.csv:9: no score in column \"How likely is it that you would recommend us to a friend or colleague?\"
surveymonkey-nps.csv: 7 rows: 5 new, 0 updated, 0 unchanged, 2 rejected (T s)"
expect_eq "$(responses)" "hana.novak@novak-ucetnictvi.cz|10|2026-11-03|Quick, friendly and they \"just get it\".
li.wei@weidesign.studio|9|2026-11-04|Great work.
Would like faster replies on Fridays.
omar.haddad@haddad-legal.com|6|2026-11-05|Good, but pricey.
sienna.ward@wardrecruitment.co.uk|7|2026-11-10|null
keiko.mori@mori-consulting.jp|0|2026-11-12|Nothing worked, and nobody called back." surveymonkey
# The rejects file: both header rows and the rejected records byte for byte, plus `error`.
{
  printf '%s,error\n' "$(sed -n 1p surveymonkey-nps.csv)"
  printf '%s,\n' "$(sed -n 2p surveymonkey-nps.csv)"
  printf '%s,no email in column "Email Address": the response cannot be matched\n' "$(sed -n 7p surveymonkey-nps.csv)"
  printf '%s,"no score in column ""How likely is it that you would recommend us to a friend or colleague?"""\n' "$(sed -n 9p surveymonkey-nps.csv)"
} >expected.rejects.csv
# The first message holds a `"` too, so it is quoted as well.
sed -i '3s/,no email in column "Email Address": the response cannot be matched$/,"no email in column ""Email Address"": the response cannot be matched"/' expected.rejects.csv
cmp expected.rejects.csv surveymonkey-nps.csv.rejects.csv || fail "rejects file: $(diff expected.rejects.csv surveymonkey-nps.csv.rejects.csv)"
# Every input row is either in the database or in the rejects file.
rejected_rows=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline=""))))-2)' surveymonkey-nps.csv.rejects.csv)
expect_eq "$(( $(sql 'select count(*) from nps_responses') + rejected_rows ))" 7 "rows in = imported + rejected"

# --- Qualtrics: 3 header rows, BOM, CRLF; the score is Q1, not its group ----------------------
run import nps qualtrics-nps.csv
expect_rc 0 qualtrics
expect_err "refer: warning: qualtrics-nps.csv: ignoring columns: StartDate, EndDate, Status, IPAddress, Progress, Duration (in seconds), Finished, ResponseId, RecipientLastName, RecipientFirstName, ExternalReference, Q1_NPS_GROUP
qualtrics-nps.csv: 6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected (T s)" qualtrics
expect_eq "$(responses | tail -n 6)" "ben.carter@carterfinch.com|9|2026-11-03|Responsive team.
lucia.romero@romero-marketing.es|10|2026-11-04|Todo perfecto, gracias.
nikolai.petrov@petrov-it.com|5|2026-11-05|Too many handoffs, and nobody owned the timeline.
ada.obi@obiadvisory.ng|8|2026-11-07|null
mateus.rocha@rochati.com.br|7|2026-11-09|Ok.
hana.novak@novak-ucetnictvi.cz|9|2026-11-14|Still happy; \"no surprises\" is the best compliment I have." qualtrics
expect_eq "$(sql 'select count(*) from nps_responses')" 11

# --- Re-importing changes nothing -------------------------------------------------------------
before=$(db_sum)
run import nps qualtrics-nps.csv --json -q
expect_rc 0 "qualtrics again"
expect_out '{"file":"qualtrics-nps.csv","rows":6,"new":0,"updated":0,"unchanged":6,"rejected":0,"skipped":0}'
run import nps surveymonkey-nps.csv --skip-invalid --json -q --rejects again.csv
expect_rc 0 "surveymonkey again"
expect_out '{"file":"surveymonkey-nps.csv","rows":7,"new":0,"updated":0,"unchanged":5,"rejected":2,"skipped":0}'
expect_eq "$(db_sum)" "$before" "re-imports change nothing"
expect_eq "$(tail -n +3 again.csv | wc -l)" 2 "--rejects PATH"

# --- Header rows forced, --map for a score column ----------------------------------------------
printf 'who,when,how much\nben.carter@carterfinch.com,2026-11-20,10\n' >plain.csv
run import nps plain.csv
expect_rc 1 "no email column"
expect_err "refer: error: plain.csv:1: no email column (name one with --map 'Header=email')"
run import nps plain.csv --map who=email --map when=responded_on --map 'How Much=score'
expect_rc 0 "--map for NPS"
expect_err "plain.csv: 1 rows: 1 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(sql "select score from nps_responses where responded_on='2026-11-20'")" 10
run import nps qualtrics-nps.csv --header-rows 1
expect_rc 1 "qualtrics with one header row"
expect_err "refer: error: qualtrics-nps.csv:1: no score column (name one with --map 'Header=score')"

# An unknown person is a rejected row.
printf 'email,score,date\nnobody@example.com,9,2026-11-20\n' >unknown.csv
run import nps unknown.csv
expect_rc 1 "unknown person"
expect_err_has 'refer: error: unknown.csv:2: unknown person "nobody@example.com"'
finish
