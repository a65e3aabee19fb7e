#!/usr/bin/env bash
# refer due as cron runs it: read-only, no colour when not a terminal, and a locked ledger
# gives exit 3 with nothing on stdout (the output is printed whole or not at all). The rows
# themselves are golden cases (tests/golden/due-*).
. "$(dirname "$0")/lib.sh"

# A missing database is an error, and is not created.
run due
expect_rc 1 "missing database"
expect_err "refer: error: no database at $REFER_DB (import or add people first, or pass --db)"
[ ! -e "$REFER_DB" ] || fail "refer due created the database"

run add ann@acme.com --name 'Ann Acme' -q
run submit --by ann@acme.com --name 'Old Lead' --email old@lead.com --on 2026-11-01 -q
expect_rc 0 "setup"

# Read-only: nothing written, not even an event.
before=$(db_sum)
events=$(sql "select count(*) from events")
run due --format csv
expect_rc 0 "due"
expect_out "type,referral,email,name,since,days,payout
contact,1,old@lead.com,Old Lead,2026-11-01,22,"
expect_err ""
expect_eq "$(db_sum)" "$before" "database file after due"
expect_eq "$(sql "select count(*) from events")" "$events" "events after due"

# No colour when stdout is not a terminal, even without NO_COLOR; bold header on a terminal
# unless --no-color or NO_COLOR says otherwise.
(unset NO_COLOR; "$REFER" due >"$TMP/plain.out" 2>&1)
grep -q $'\033' "$TMP/plain.out" && fail "escape codes in output to a file: $(od -c "$TMP/plain.out" | head -3)"
on_tty() { script -qec "$1" /dev/null </dev/null | tr -d '\r'; }
if command -v script >/dev/null; then
  tty_out=$(unset NO_COLOR; on_tty "'$REFER' due")
  [[ "$tty_out" == *$'\033[1mtype'* ]] || fail "no bold header on a terminal: $tty_out"
  tty_out=$(unset NO_COLOR; on_tty "'$REFER' due --no-color")
  [[ "$tty_out" != *$'\033'* ]] || fail "escape codes with --no-color: $tty_out"
  tty_out=$(on_tty "'$REFER' due")
  [[ "$tty_out" != *$'\033'* ]] || fail "escape codes with NO_COLOR=1: $tty_out"
fi

# Locked: a rollback-journal ledger held with an exclusive lock (as a bulk import holds it)
# cannot be read; refer due waits the busy timeout, then exits 3 and prints nothing.
sql "PRAGMA journal_mode = DELETE" >/dev/null
export REFER_BUSY_TIMEOUT_MS=200
hold_ledger "BEGIN EXCLUSIVE; UPDATE clients SET name = 'Held' WHERE id = 1;" "SELECT count(*) FROM clients;"
for format in table csv json; do
  run due --format "$format"
  expect_rc 3 "locked database, $format"
  expect_out "" "locked database, $format"
  expect_err "refer: error: the database is locked by another process; try again"
done
release_ledger ROLLBACK
run due --json
expect_rc 0 "after the lock is gone"
expect_out_has '"name": "Old Lead"'

finish
