#!/usr/bin/env bash
# refer edit PERSON (issue 11 item 5): every field of a person, each change an event; the
# values read as refer add reads them; an email or external id of another person, an end
# before the start, malformed values refused with the ledger unchanged; a no-op writes nothing;
# refer edit REF keeps working.
. "$(dirname "$0")/lib.sh"

# The person's fields, as stored.
fields() {
  sql "select email, coalesce(name,'-'), coalesce(company,'-'), coalesce(industry,'-'), kind, coalesce(annual_value,'-'),
       coalesce(started_on,'-'), coalesce(ended_on,'-'), coalesce(opened_on,'-'), coalesce(source,'-'),
       coalesce(external_id,'-') from clients where id = $1"
}
# The events of person ID after event AFTER: what:old>new@on, in order.
events_since() {
  sql "select group_concat(what || ':' || coalesce(old,'-') || '>' || coalesce(new,'-') || '@' || on_date, ' ')
       from (select * from events where entity = 'client' and entity_id = $1 and id > $2 order by id)"
}
last_event() { sql 'select coalesce(max(id), 0) from events'; }

run edit ann@acme.com --name Ann
expect_rc 1 "no ledger yet"
expect_err_has "refer: error: "
[ -e "$REFER_DB" ] && fail "edit created a ledger"

run add ann@acme.com --name 'Ann Acme' --company Acme --annual-value 12,000 --started-on 2025-01-01 \
  --source inbound --external-id crm-1 -q
run add bob@acme.com --name 'Bob' --external-id crm-2 -q
run add ext:crm-3 --name 'Cy' -q

# Each field, one event each, dated today; the summary names the fields.
mark=$(last_event)
run edit ann@acme.com --name 'Ann Lee' --company 'Acme Corp' --industry Logistics --kind partner \
  --annual-value '$24,000.50' --started-on 2025-02-01 --ended-on 2026-06-30 --opened-on 2024-12-01 \
  --source event --external-id crm-10 --email Ann.Lee@ACME.io
expect_rc 0
expect_out ""
expect_err "ann@acme.com: corrected email, name, company, industry, kind, annual_value, started_on, ended_on, source, external_id, opened_on"
expect_eq "$(fields 1)" "ann.lee@acme.io|Ann Lee|Acme Corp|Logistics|partner|2400050|2025-02-01|2026-06-30|2024-12-01|event|crm-10"
expect_eq "$(events_since 1 "$mark")" \
  "email:ann@acme.com>ann.lee@acme.io@2026-11-23 name:Ann Acme>Ann Lee@2026-11-23 company:Acme>Acme Corp@2026-11-23 industry:->Logistics@2026-11-23 kind:client>partner@2026-11-23 annual_value:1200000>2400050@2026-11-23 started_on:2025-01-01>2025-02-01@2026-11-23 ended_on:->2026-06-30@2026-11-23 source:inbound>event@2026-11-23 external_id:crm-1>crm-10@2026-11-23 opened_on:->2024-12-01@2026-11-23"
run show ann.lee@acme.io --json
expect_eq "$(jq -c '[.email, .kind, .annual_value_cents, .ended_on]' <<<"$OUT")" '["ann.lee@acme.io","partner",2400050,"2026-06-30"]' \
  "named by the new email"
run show ann@acme.com
expect_rc 1 "the old email names nobody now"
run show ann.lee@acme.io
expect_out_has "  2026-11-23  "
expect_out_has "annual_value: 12,000.00 -> 24,000.50"

# An empty value clears a field; by ext:ID too.
mark=$(last_event)
run edit ext:crm-10 --industry '' --ended-on '' --annual-value ''
expect_rc 0
expect_err "ann.lee@acme.io: corrected industry, annual_value, ended_on"
expect_eq "$(events_since 1 "$mark")" "industry:Logistics>-@2026-11-23 annual_value:2400050>-@2026-11-23 ended_on:2026-06-30>-@2026-11-23"
run edit ext:crm-3 --email cy@acme.com --name ''
expect_rc 0
expect_eq "$(fields 3)" "cy@acme.com|-|-|-|client|-|-|-|-|-|crm-3"

# A no-op: nothing written, no event.
before=$(db_sum); mark=$(last_event)
run edit ann.lee@acme.io --name 'Ann Lee' --email ANN.LEE@acme.io --kind partner
expect_rc 0
expect_err "ann.lee@acme.io: nothing to change"
expect_eq "$(last_event)" "$mark" "no change, no event"
expect_eq "$(db_sum)" "$before" "no change, same ledger"
run edit ann.lee@acme.io
expect_rc 0
expect_err "ann.lee@acme.io: nothing to change"

# Refused, the ledger byte-identical: another person's email or external id (exit 1) ...
before=$(db_sum)
run edit bob@acme.com --email ANN.LEE@acme.io
expect_rc 1 "an email another person has"
expect_err "refer: error: ann.lee@acme.io is another person's email (refer show ann.lee@acme.io)"
run edit bob@acme.com --external-id crm-10
expect_rc 1 "an external id another person has"
expect_err "refer: error: external id crm-10 already belongs to ann.lee@acme.io"
run edit bob@acme.com --ended-on 2020-01-01 --started-on 2021-01-01
expect_rc 2 "an end before the start, both given"
expect_err "refer: error: ended_on 2020-01-01 is before started_on 2021-01-01"
run edit ann.lee@acme.io --ended-on 2025-01-01
expect_rc 1 "an end before the stored start"
expect_err "refer: error: ann.lee@acme.io: ended_on 2025-01-01 is before started_on 2025-02-01"
run edit bob@acme.com --email '' --external-id ''
expect_rc 1 "neither email nor external id"
expect_err "refer: error: bob@acme.com: a person keeps an email or an external id"
run edit nobody@acme.com --kind partner
expect_rc 1
expect_err 'refer: error: unknown person "nobody@acme.com"'
run edit ext:crm-99 --name X
expect_rc 1
expect_err 'refer: error: unknown person "ext:crm-99"'
run edit nobody@acme.com --name X
expect_rc 1
expect_err 'refer: error: unknown person or referral "nobody@acme.com"'
# ... malformed values (exit 2), the same as refer add refuses.
for bad in "--email bob@" "--kind friend" "--kind=" "--annual-value -5" "--annual-value lots" "--started-on 2025-02-30" \
  "--source word-of-mouth" "--opened-on yesterday"; do
  # shellcheck disable=SC2086
  run edit bob@acme.com $bad
  expect_rc 2 "edit $bad"
  # shellcheck disable=SC2086
  run add new@acme.com $bad
  [ "$bad" == "--email bob@" ] || expect_rc 2 "add $bad"
done
run edit bob@acme.com --kind friend
expect_err_has 'friend'
# ... options of a referral for a person, or of a person for a referral (exit 2).
run edit ext:crm-2 --note hello
expect_rc 2
expect_err "refer: error: --note corrects a referral, and ext:crm-2 is a person (refer edit ID corrects a referral)"
run edit 1 --kind partner
expect_rc 2
expect_err "refer: error: --kind corrects a person, and 1 is a referral id (refer edit EMAIL|ext:ID corrects a person)"
run edit bob@acme.com --value 10 --industry x
expect_rc 2
expect_err "refer: error: --value corrects a referral and --industry a person: correct one at a time"
expect_eq "$(db_sum)" "$before" "refused edits change nothing"

# refer edit REF keeps working, also for a referee who is a person now: referral options, or the id.
run submit --by bob@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-11-01
run advance 1 won --on 2026-11-20 --value 24,000 -q
run edit sam@globex.com --note 'two-year deal'
expect_rc 0
expect_err "referral 1: corrected"
expect_eq "$(sql "select note from referrals where id = 1")" "two-year deal"
run edit 1 --name 'Samuel Lee'
expect_err "referral 1: corrected"
expect_eq "$(sql "select referee_name from referrals where id = 1")" "Samuel Lee"
# With only --name, --email or --company, an email that is a person's names the person.
run edit sam@globex.com --company 'Globex GmbH'
expect_err "sam@globex.com: corrected company"
expect_eq "$(sql "select company from clients where email = 'sam@globex.com'") $(sql "select referee_company from referrals where id = 1")" \
  "Globex GmbH " "the person, not the referral"
# A referee who is nobody yet: the referral.
run submit --by bob@acme.com --name 'Kim' --email kim@initech.com --on 2026-11-02
run edit kim@initech.com --company Initech
expect_err "referral 2: corrected"
# A new email: the referrals they made stay theirs, listed under it.
run edit bob@acme.com --email robert@acme.com
expect_err "bob@acme.com: corrected email"
run referrals --by robert@acme.com --json
expect_eq "$(jq -c 'map([.id, .referrer_email])' <<<"$OUT")" '[[1,"robert@acme.com"],[2,"robert@acme.com"]]'

finish
