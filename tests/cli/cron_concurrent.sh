#!/usr/bin/env bash
# The cron commands next to other writers: nudge --record either completes or exits 3 with
# nothing recorded and nothing printed; read-only commands are never held up by a writer.
. "$(dirname "$0")/lib.sh"
# Counts read next to writers wait for them rather than fail.
sql() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$REFER_DB" "$1"; }

for i in $(seq 1 30); do
  "$REFER" add "p$i@x.com" --started-on 2024-01-01 --tag promoter -q
done

# 1. A writer holds the ledger past the busy timeout: exit 3, no output, no ask recorded.
hold_ledger "BEGIN IMMEDIATE; UPDATE clients SET name = name;" "BEGIN IMMEDIATE; ROLLBACK;"
REFER_BUSY_TIMEOUT_MS=200 run nudge --record
expect_rc 3 "nudge --record while the ledger is held:"
expect_out "" "nudge --record while the ledger is held prints no list:"
expect_err "refer: error: the database is locked by another process; try again"
REFER_BUSY_TIMEOUT_MS=200 run due --json
expect_rc 0 "due reads past the writer:"
expect_out "[]"
REFER_BUSY_TIMEOUT_MS=200 run nudge --format csv
expect_rc 0 "a nudge that records nothing reads past the writer:"
[ "$(grep -c @ <<<"$OUT")" -eq 30 ] || fail "nudge lists the 30 promoters while the ledger is held"
release_ledger ROLLBACK
expect_eq "$(sql 'SELECT count(*) FROM asks')" 0 "no ask recorded by the refused run"

# 2. Many writers in a loop: every --record run completes or exits 3, and the asks it
# recorded are exactly the people it printed.
( for i in $(seq 1 60); do "$REFER" add "w$i@x.com" --tag promoter -q 2>/dev/null; done ) &
writer=$!
recorded=0
for day in 2026-11-24 2026-11-25 2026-11-26 2026-11-27 2026-11-28 2026-11-29; do
  before=$(sql 'SELECT count(*) FROM asks')
  REFER_BUSY_TIMEOUT_MS=50 run nudge --record --format csv --today "$day" --limit 5
  after=$(sql 'SELECT count(*) FROM asks')
  listed=$(grep -c @ <<<"$OUT")
  case $RC in
    0) expect_eq "$((after - before))" "$listed" "run on $day: asks recorded = people listed" ;;
    3) expect_eq "$after" "$before" "run on $day exited 3: nothing recorded"
       expect_out "" "run on $day exited 3: nothing printed" ;;
    *) fail "run on $day: exit $RC (expected 0 or 3)" ;;
  esac
  [ "$RC" -eq 0 ] && recorded=$((recorded + listed))
done
wait "$writer"
expect_eq "$(sql 'SELECT count(*) FROM asks')" "$recorded" "asks recorded over all runs"
expect_eq "$(sql "SELECT count(*) FROM events WHERE what = 'ask'")" "$recorded" "one event per ask"

finish
