#!/usr/bin/env bash
# Benchmark: the referral pipeline at scale. Imports 1M clients and 5M referrals with refer
# itself (time and rows/s of each), then times `show REF`, `submit`, `advance` and
# `referrals --by EMAIL --status S` on that database (median of RUNS calls each).
# Environment: REFER (default build/refer), BENCH_DIR (/tmp/refer-bench-pipeline),
# CLIENTS (1000000), REFERRALS (5000000), RUNS (11).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source bench/lib.sh
REFER=${REFER:-build/refer}
[[ "$REFER" == /* ]] || REFER="$ROOT/$REFER"
DIR=${BENCH_DIR:-/tmp/refer-bench-pipeline}
CLIENTS=${CLIENTS:-1000000}
REFERRALS=${REFERRALS:-5000000}
RUNS=${RUNS:-11}
die() { echo "bench/pipeline.sh: $*" >&2; exit 1; }
[[ -x "$REFER" ]] || die "refer binary '$REFER' is missing (build it first, or set REFER=...)"
[[ -x /usr/bin/time ]] || { apt-get install -y -qq time >/dev/null || die "need /usr/bin/time"; }

mkdir -p "$DIR"
DATA="$DIR/data"
gen_data "$DATA" "$CLIENTS" "$REFERRALS"

DB="$DIR/pipeline.db"
export REFER_DB="$DB" REFER_TODAY=2026-11-23
rm -f "$DB" "$DB"-*

import() {  # import WHAT FILE ROWS
  /usr/bin/time -v -o "$DIR/time.$1" "$REFER" -q import "$1" "$2" --json >"$DIR/out.$1"
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\) time/ { n = split($NF, p, ":"); s = 0
           for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$DIR/time.$1")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $NF / 1024 }' "$DIR/time.$1")
  printf 'import %-10s %9d rows %8.2f s %10.0f rows/s  peak RSS %s MiB  %s\n' "$1" "$3" "$secs" \
    "$(awk -v r="$3" -v s="$secs" 'BEGIN { print r / s }')" "$rss" "$(cat "$DIR/out.$1")"
}
import clients "$DATA/clients.csv" "$CLIENTS"
import referrals "$DATA/referrals.csv" "$REFERRALS"

# Subjects: a referral in the middle, the most prolific referrer, open referrals to advance.
mid=$((REFERRALS / 2))
top=$(sqlite3 "$DB" "SELECT c.email FROM referrals r JOIN clients c ON c.id = r.referrer_id
                     GROUP BY r.referrer_id ORDER BY count(*) DESC LIMIT 1")
mapfile -t open < <(sqlite3 "$DB" "SELECT id FROM referrals WHERE status = 'submitted' ORDER BY id DESC LIMIT $RUNS")
[[ ${#open[@]} -eq $RUNS ]] || die "need $RUNS submitted referrals to advance"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
bench() {  # bench LABEL COMMAND-TEMPLATE (with {i})
  local label=$1 times=() t
  for ((i = 0; i < RUNS; i++)); do
    cmd=${2//\{i\}/$i}
    t=$(date +%s%N)
    eval "$cmd" >/dev/null
    times+=("$(ms "$t")")
  done
  printf '%-40s median %4s ms   runs: %s\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}
echo
bench "show $mid" "'$REFER' show $mid --json"
bench "submit (by $top)" "'$REFER' -q submit --by '$top' --name 'Bench {i}' --email 'bench{i}@bench-example.org'"
bench "advance (submitted -> contacted)" "'$REFER' -q advance \${open[{i}]} contacted"
bench "referrals --by $top --status won" "'$REFER' referrals --by '$top' --status won --json"
