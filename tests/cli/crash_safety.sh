#!/usr/bin/env bash
# Crash safety: SIGKILL at random moments of a people import, a bulk referral import and a
# first payouts compute leaves the ledger exactly as it was before or after the command
# (integrity_check, a content hash), a reader sees one of the two, and running the command
# again gives the after state. bench/crash.py does the work (bench/crash.sh runs 1,000
# trials); here a few per scenario, with a random seed printed for a rerun (CRASH_SEED=S).
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the source tree}"

seed=${CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "crash_safety: seed $seed (CRASH_SEED=$seed to repeat)"

# tally SCENARIO COLUMN: a number from crash.py's table (columns as in its header line).
tally() { awk -v s="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i } $1 == s { print $col[c] }' \
  <(grep -E '^(scenario|people|bulk|compute|split|total) ' "$TMP/crash.out"); }

python3 "$ROOT/bench/crash.py" --refer "$REFER" --work "$TMP/work" --trials 12 --seed "$seed" \
  >"$TMP/crash.out" 2>"$TMP/crash.err"
RC=$?
cat "$TMP/crash.out" "$TMP/crash.err"
OUT=$(cat "$TMP/crash.out") ERR=$(cat "$TMP/crash.err")
expect_rc 0 "crash.py on refer:"
for s in people bulk compute; do
  expect_eq "$(tally $s trials)" 4 "$s trials"
  expect_eq "$(tally $s corrupt)" 0 "$s: ledgers neither before nor after"
  expect_eq "$(tally $s next-failed)" 0 "$s: failed reads or reruns after a kill"
  expect_eq "$(( $(tally $s before-state) + $(tally $s after-state) ))" 4 "$s: every ledger before or after"
done
[ "$(tally total killed)" -gt 0 ] || fail "no trial was killed while refer ran: the test proved nothing"
expect_eq "$ERR" "" "no trial reported a problem"

# The checks can fail: a writer that commits in two transactions a second apart, killed
# between them, leaves a ledger that is neither state, and running it again does not mend it.
python3 "$ROOT/bench/crash.py" --refer "$REFER" --work "$TMP/work" --trials 4 --seed "$seed" --scenarios split \
  >"$TMP/crash.out" 2>"$TMP/crash.err"
RC=$?
OUT=$(cat "$TMP/crash.out") ERR=$(cat "$TMP/crash.err")
expect_rc 1 "crash.py on a writer that is not atomic:"
[ "$(tally split corrupt)" -gt 0 ] || fail "the split writer's half-done ledgers were not seen"
[ "$(tally split next-failed)" -gt 0 ] || fail "the split writer's reruns were not found wrong"
expect_err_has "the ledger is neither the before nor the after state"
finish
