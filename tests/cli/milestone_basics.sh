#!/usr/bin/env bash
# refer milestone PERSON "description" [--on DATE]: a row, an event, a confirmation on stderr.
. "$(dirname "$0")/lib.sh"

run milestone jane@acme.com "Go-live"
expect_rc 1
expect_err "refer: error: no database at $REFER_DB (import or add people first, or pass --db)"
[ ! -e "$REFER_DB" ] || fail "milestone created a database"

run add jane@acme.com --name "Jane Doe"
run add ext:crm-7 --name "No Email"
jane=$(sql "select id from clients where email='jane@acme.com'")

run milestone Jane@Acme.com "  CRM migration went live  "
expect_rc 0
expect_out ""
expect_err "jane@acme.com: milestone on 2026-11-23: CRM migration went live"
run milestone jane@acme.com "Renewed for two years, 20% more" --on 2026-10-01
expect_rc 0
expect_err "jane@acme.com: milestone on 2026-10-01: Renewed for two years, 20% more"
run -q milestone ext:crm-7 "Case study published" --on 2026-11-02
expect_rc 0
expect_err ""
expect_eq "$(sql "select c.id = $jane, m.on_date, m.description from milestones m join clients c on c.id = m.client_id order by m.id")" "1|2026-11-23|CRM migration went live
1|2026-10-01|Renewed for two years, 20% more
0|2026-11-02|Case study published"
expect_eq "$(sql "select entity || '|' || entity_id || '|' || what || '|' || coalesce(old,'null') || '|' || new || '|' || on_date || '|' || user from events where what='milestone' order by id")" "client|$jane|milestone|null|2026-11-23 CRM migration went live|2026-11-23|tester
client|$jane|milestone|null|2026-10-01 Renewed for two years, 20% more|2026-10-01|tester
client|$(sql "select id from clients where external_id='crm-7'")|milestone|null|2026-11-02 Case study published|2026-11-02|tester"

run show jane@acme.com --json
expect_rc 0
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["milestones"])')" \
  "[{'on': '2026-10-01', 'description': 'Renewed for two years, 20% more'}, {'on': '2026-11-23', 'description': 'CRM migration went live'}]"

# Refusals change nothing.
before=$(db_sum)
run milestone nobody@acme.com "Go-live"
expect_rc 1
expect_err 'refer: error: unknown person "nobody@acme.com"'
run milestone jane@acme.com "Go-live" --on 2026-13-01
expect_rc 2
run milestone jane@acme.com "   "
expect_rc 2
expect_err "refer: error: the milestone needs a description"
run milestone jane@acme.com
expect_rc 2
expect_eq "$(db_sum)" "$before"
expect_eq "$(sql 'select count(*) from milestones')" 3
finish
