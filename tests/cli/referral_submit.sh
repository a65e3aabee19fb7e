#!/usr/bin/env bash
# refer submit: the new id alone, every refusal of SPEC 4 (nothing written), the colleague warning.
. "$(dirname "$0")/lib.sh"

run add ann@acme.com --name 'Ann Acme' --company Acme
run add pat@partners.io --name 'Pat Partner' --kind partner
run add gus@gmail.com --name 'Gus Free'
run add ext:crm-7 --name 'No Mail'

run submit --by ann@acme.com --name ' Sam Lee ' --email ' Sam@Globex.com ' --company 'Globex ' --on 2026-11-01 --consent --note 'met at a conference'
expect_rc 0
expect_out "1"
expect_err ""
expect_eq "$(sql "select referrer_id, referee_name, referee_email, referee_company, source, submitted_on, status, status_on, consent, note, deal_value is null from referrals")" \
  "1|Sam Lee|sam@globex.com|Globex|client|2026-11-01|submitted|2026-11-01|1|met at a conference|1"
expect_eq "$(sql "select entity, entity_id, what, old is null, on_date, user, at glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' from events where entity = 'referral'")" \
  "referral|1|created|1|2026-11-01|tester|1" "the submission date is the business date"
expect_eq "$(sql "select json_extract(new, '\$.referee_email') || ' ' || json_extract(new, '\$.status') from events where entity = 'referral'")" "sam@globex.com submitted"

# --json, the date defaults to today, the source to the referrer's kind; ext:ID names a referrer.
run submit --by pat@partners.io --name 'Kim Park' --email kim@initech.com --json
expect_rc 0
expect_out '{"id": 2}'
expect_eq "$(sql "select source, submitted_on, consent from referrals where id = 2")" "partner|2026-11-23|0"
run submit --by ext:crm-7 --name 'Lou' --email lou@umbrella.com --source other
expect_out "3"
expect_eq "$(sql "select source, referrer_id from referrals where id = 3")" "other|4"

# Refusals: exit 1, the reason, nothing written.
before=$(db_sum)
run submit --by nobody@acme.com --name X --email x@example.org
expect_rc 1 "unknown referrer"
expect_err 'refer: error: unknown referrer "nobody@acme.com" (import or refer add them first)'
run submit --by ann@acme.com --name Ann --email ANN@acme.com
expect_rc 1 "self-referral"
expect_err "refer: error: ann@acme.com cannot refer themselves"
run submit --by ann@acme.com --name Pat --email pat@partners.io
expect_rc 1 "existing person"
expect_err "refer: error: pat@partners.io is already in the ledger as a partner (--allow-existing records the referral anyway)"
run submit --by pat@partners.io --name 'Sam again' --email sam@globex.com --on 2026-11-20
expect_rc 1 "attribution"
expect_err "refer: error: sam@globex.com was already referred by ann@acme.com on 2026-11-01 (referral 1); the first referral within 365 days wins"
run submit --by pat@partners.io --name 'Sam early' --email sam@globex.com --on 2026-10-01
expect_rc 1 "a backdated submission does not steal attribution"
expect_err_has "already referred by ann@acme.com on 2026-11-01 (referral 1)"
run submit --by ann@acme.com --name X --email x@example.org --on 2026-02-30
expect_rc 2 "bad date"
expect_err_has '"2026-02-30" is not a date'
run submit --by ann@acme.com --name X --email not-an-email
expect_rc 2 "bad email"
expect_err 'refer: error: invalid email "not-an-email"'
run submit --by ann@acme.com --name X --email x@example.org --source friend
expect_rc 2 "unknown source"
run submit --by ann@acme.com --email x@example.org
expect_rc 2 "--name is required"
expect_eq "$(db_sum)" "$before" "refusals change nothing"

# --allow-existing records a referral of someone already in the ledger.
run submit --by ann@acme.com --name Pat --email pat@partners.io --allow-existing
expect_rc 0
expect_out "4"
expect_err ""

# Attribution: 365 days later the referee may be referred again; 364 days later not.
run submit --by ann@acme.com --name Old --email old@wayne.com --on 2025-11-23
expect_out "5"
run submit --by pat@partners.io --name Old --email old@wayne.com --on 2026-11-22
expect_rc 1 "364 days"
expect_err "refer: error: old@wayne.com was already referred by ann@acme.com on 2025-11-23 (referral 5); the first referral within 365 days wins"
run submit --by pat@partners.io --name Old --email old@wayne.com
expect_rc 0 "365 days"
expect_out "6"

# Colleagues: accepted with a warning naming the existing person; free-mail domains do not count.
run submit --by pat@partners.io --name 'Lee Acme' --email lee@acme.com
expect_rc 0
expect_out "7"
expect_err "refer: warning: lee@acme.com: same email domain acme.com as existing client ann@acme.com"
run submit --by pat@partners.io --name 'Mo' --email mo@other.org --company ACME
expect_out "8"
expect_err 'refer: warning: mo@other.org: same company "Acme" as existing client ann@acme.com'
run submit --by ann@acme.com --name 'Gmail user' --email someone@gmail.com
expect_out "9"
expect_err ""
run -q submit --by ann@acme.com --name 'Quiet' --email quiet@acme.com
expect_out "10"
expect_err "" "--quiet silences the warning"
expect_eq "$(sql 'select count(*) from referrals')" 10
finish
