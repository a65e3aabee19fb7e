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

# hold_ledger BEGIN_SQL PROBE_SQL: another process (sqlite3, fed through a fifo) runs
# BEGIN_SQL on the test database and keeps its transaction open until release_ledger;
# returns once PROBE_SQL, run by a third process, fails (the lock is held).
hold_ledger() {
  local fifo="$TMP/lock.fifo"
  mkfifo "$fifo"
  sqlite3 "$REFER_DB" <"$fifo" >"$TMP/lock.out" 2>&1 &
  LOCK_HOLDER=$!
  exec 7>"$fifo"
  trap 'release_ledger ROLLBACK; rm -rf "$TMP"' EXIT
  # The holder waits out the probes (each holds a lock for a moment) instead of failing on one.
  printf '.timeout 10000\n%s\n' "$1" >&7
  local _
  for _ in $(seq 1 200); do
    sqlite3 "$REFER_DB" "$2" >/dev/null 2>&1 || return 0
    sleep 0.05
  done
  fail "could not take the lock: $(cat "$TMP/lock.out")"
}

# release_ledger END_SQL: the holder ends its transaction (COMMIT or ROLLBACK) and exits.
release_ledger() {
  [ -n "${LOCK_HOLDER:-}" ] || return 0
  echo "$1;" >&7
  exec 7>&-
  wait "$LOCK_HOLDER" 2>/dev/null
  LOCK_HOLDER=
  rm -f "$TMP/lock.fifo"
  trap 'rm -rf "$TMP"' EXIT
}
