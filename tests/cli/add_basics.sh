#!/usr/bin/env bash
# refer add: one person by hand; duplicates refused, bad values are usage errors, tags, events.
. "$(dirname "$0")/lib.sh"

run add " Ann@Example.COM " --name "Ann Lee" --company Acme --industry Consulting --kind partner \
  --annual-value '24,000.50' --started-on 2024-01-15 --source referral --external-id crm-1 \
  --opened-on 2023-12-01 --tag "VIP, promoter" --tag early-adopter
expect_rc 0
expect_out ""
expect_err "added ann@example.com"
expect_eq "$(sql "select email, name, company, industry, kind, annual_value, started_on, ended_on is null, source, external_id, opened_on, created_at = updated_at from clients")" \
  "ann@example.com|Ann Lee|Acme|Consulting|partner|2400050|2024-01-15|1|referral|crm-1|2023-12-01|1"
expect_eq "$(sql "select group_concat(tag, ',') from (select tag from tags order by tag)")" "early-adopter,promoter,vip"
expect_eq "$(sql "select what || '|' || coalesce(old, 'NULL') || '|' || new || '|' || user || '|' || on_date || '|' || entity || '|' || entity_id from events order by id")" \
  'created|NULL|{"email":"ann@example.com","name":"Ann Lee","company":"Acme","industry":"Consulting","kind":"partner","annual_value":"2400050","started_on":"2024-01-15","source":"referral","external_id":"crm-1","opened_on":"2023-12-01","tags":["vip","promoter","early-adopter"]}|tester|2026-11-23|client|1'

# A person without email: ext:ID.
run add ext:crm-2 --name "Bo Chen" --ended-on 2025-01-01
expect_rc 0
expect_err "added ext:crm-2"
expect_eq "$(sql "select coalesce(email, 'NULL'), external_id, kind, ended_on from clients where id = 2")" "NULL|crm-2|client|2025-01-01"

before=$(db_sum)
events=$(sql 'select count(*) from events')
# Duplicates: exit 1, nothing changes; case and spaces do not make a new person.
run add ann@example.com --name Other
expect_rc 1 "duplicate email"
expect_err "refer: error: ann@example.com is already in the ledger (refer show ann@example.com)"
run add ANN@example.com
expect_rc 1 "duplicate email, other case"
run add ext:crm-2
expect_rc 1 "duplicate external id"
expect_err "refer: error: ext:crm-2 is already in the ledger (refer show ext:crm-2)"
run add new@example.com --external-id crm-1
expect_rc 1 "external id of someone else"
expect_err_has "refer: error: "
# Bad values: exit 2.
run add bob@
expect_rc 2 "bad email"
expect_err 'refer: error: invalid email "bob@"'
run add "bob example.com"
expect_rc 2 "email without @"
run add bob@example
expect_rc 2 "email without a dotted domain"
run add bob@example.com --started-on 2024-02-30
expect_rc 2 "bad date"
run add bob@example.com --started-on 2025-01-01 --ended-on 2024-01-01
expect_rc 2 "ended before started"
expect_err "refer: error: ended_on 2024-01-01 is before started_on 2025-01-01"
run add bob@example.com --annual-value -5
expect_rc 2 "negative money"
run add bob@example.com --annual-value=-5
expect_rc 2 "negative money"
run add bob@example.com --source word-of-mouth
expect_rc 2 "unknown source"
run add ext:crm-9 --external-id crm-10
expect_rc 2 "ext:ID and --external-id"
run add ext:
expect_rc 2 "empty ext:"
expect_err_has "refer: error: "
expect_eq "$(db_sum)" "$before" "refused adds change nothing"
expect_eq "$(sql 'select count(*) from events')" "$events"
expect_eq "$(sql 'select count(*) from clients')" 2

# Global options after the command; --today dates the events.
run add bob@example.com --today 2026-01-02 -q --json
expect_rc 0
expect_err ""
expect_eq "$(sql "select distinct on_date from events where entity_id = 3")" 2026-01-02

# Non-ASCII names are kept as given.
run add zoe@example.com --name "Zoë 王"
expect_rc 0
expect_eq "$(sql "select name from clients where email = 'zoe@example.com'")" "Zoë 王"
finish
