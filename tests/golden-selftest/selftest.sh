#!/usr/bin/env bash
# Proves that tests/golden/run.sh can fail: a right case passes, a wrong stdout or exit status
# or a missing expectation fails with a readable diff, --bless rewrites a case so that it
# passes, and no temporary directory is left behind. These cases are not in the golden glob.
set -uo pipefail
: "${REFER:?REFER must point at the built refer binary}"
here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../golden/run.sh
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir "$sandbox/tmp"
failures=0

fail() { echo "FAIL: $*"; echo "--- runner output:"; echo "$OUT"; failures=$((failures + 1)); }

# golden ARGS...: runs the runner with its temporary directories in the sandbox; sets OUT, RC.
golden() {
  OUT=$(TMPDIR=$sandbox/tmp GOLDEN_SELFTEST_LEAK=leaked bash "$runner" "$@" 2>&1)
  RC=$?
  [ -z "$(ls -A "$sandbox/tmp")" ] || fail "$*: left a temporary directory behind"
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "${2:-}: expected exit $1, got $RC"; }
expect_has() { [[ "$OUT" == *"$1"* ]] || fail "${2:-}: output lacks [$1]"; }

golden "$here/passes"
expect_rc 0 "passes"
[ -z "$OUT" ] || fail "passes: a passing case prints nothing"

golden "$here/wrong-stdout"
expect_rc 1 "wrong-stdout"
expect_has "wrong-stdout: stdout differs (-expected +actual):" "wrong-stdout"
expect_has $'--- expected/stdout\n+++ actual/stdout' "wrong-stdout"
expect_has $' the same line\n-what the case expected\n+what the command printed' "wrong-stdout"
expect_has "wrong-stdout: FAILED; if the change is deliberate: scripts/bless wrong-stdout" "wrong-stdout"
[[ "$OUT" != *"stderr differs"* && "$OUT" != *"status differs"* ]] || fail "wrong-stdout: only stdout differs"

golden "$here/wrong-status"
expect_rc 1 "wrong-status"
expect_has $'-0\n+1' "wrong-status"
[[ "$OUT" != *"stdout differs"* && "$OUT" != *"stderr differs"* ]] || fail "wrong-status: only the status differs"

golden "$here/no-expectation"
expect_rc 1 "no-expectation"
expect_has "no-expectation: no expected stdout (write it, or bless the case)" "no-expectation"

golden
expect_rc 2 "no case"
golden "$here"
expect_rc 2 "a folder without cmd"

# Blessing a copy of the wrong case shows the change, rewrites the expectation, then passes.
cp -R "$here/wrong-stdout" "$sandbox/blessed"
golden --bless "$sandbox/blessed"
expect_rc 0 "bless"
expect_has $'-what the case expected\n+what the command printed' "bless"
[ "$(cat "$sandbox/blessed/stdout")" == $'the same line\nwhat the command printed' ] || fail "bless: stdout not rewritten"
golden "$sandbox/blessed"
expect_rc 0 "blessed case passes"
cp -R "$here/no-expectation" "$sandbox/new"
golden --bless "$sandbox/new"
expect_has "new: new stdout" "bless a new case"
[ "$(cat "$sandbox/new/status")" == 0 ] || fail "bless a new case: status not written"

if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
