# Helpers for end-to-end tests: each test script sources this, runs the built refer in a
# fresh temporary directory and checks exact output, exit status and the database.
set -uo pipefail
: "${REFER:?REFER must point at the built refer binary}"
: "${FIXTURES:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../fixtures" && pwd)}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
export REFER_DB="$TMP/refer.db" REFER_TODAY=2026-11-23 NO_COLOR=1 USER=tester
unset XDG_DATA_HOME
FAILURES=0

# run ARGS...: runs refer; sets OUT, ERR, RC. Elapsed times in import summaries,
# "(0.3 s)", read "(T s)" in ERR so that expectations do not depend on the machine's speed.
run() {
  "$REFER" "$@" >"$TMP/.out" 2>"$TMP/.err"
  RC=$?
  OUT=$(cat "$TMP/.out")
  ERR=$(sed -E 's/\([0-9]+\.[0-9] s\)/(T s)/g' "$TMP/.err")
}

fail() {
  echo "FAIL: $*" >&2
  echo "  command stdout: $OUT" >&2
  echo "  command stderr: $ERR" >&2
  FAILURES=$((FAILURES + 1))
}

expect_rc() { [ "$RC" -eq "$1" ] || fail "${2:-} expected exit $1, got $RC"; }
expect_out() { [ "$OUT" == "$1" ] || fail "${2:-} stdout differs:"$'\n'"--- expected"$'\n'"$1"$'\n'"--- got"$'\n'"$OUT"; }
expect_err() { [ "$ERR" == "$1" ] || fail "${2:-} stderr differs:"$'\n'"--- expected"$'\n'"$1"$'\n'"--- got"$'\n'"$ERR"; }
expect_out_has() { [[ "$OUT" == *"$1"* ]] || fail "${2:-} stdout lacks: $1"; }
expect_err_has() { [[ "$ERR" == *"$1"* ]] || fail "${2:-} stderr lacks: $1"; }
expect_eq() { [ "$1" == "$2" ] || fail "${3:-} expected [$2], got [$1]"; }

# sql QUERY: runs a query on the test database.
sql() { sqlite3 -batch -noheader "$REFER_DB" "$1"; }

# The database file's checksum, to prove a refused command changed nothing.
db_sum() { sha256sum "$REFER_DB" | cut -d' ' -f1; }

finish() {
  if [ "$FAILURES" -gt 0 ]; then echo "$FAILURES check(s) failed" >&2; exit 1; fi
  exit 0
}
