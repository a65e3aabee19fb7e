#!/usr/bin/env bash
# Benchmark: `refer report` on the pipeline's ledger (1M clients, 5M referrals, payouts
# computed) against the bare SQL of the same numbers, run by sqlite3 on a copy of the same
# database, with the same indexes. See bench/README.md.
# Environment: REFER (default build/refer), BENCH_DIR (/tmp/refer-bench-report), DATA_DIR
# (BENCH_DIR/data; point it at another bench's data to share it), SOURCE_LEDGER (a ledger of
# that data already imported by refer, e.g. payouts.sh's ledger.db: copied instead of
# importing again), CLIENTS (1000000), REFERRALS (5000000), RUNS (7), MONTH (2026-10), YEAR (2026).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source bench/lib.sh
REFER=${REFER:-build/refer}
[[ "$REFER" == /* ]] || REFER="$ROOT/$REFER"
DIR=${BENCH_DIR:-/tmp/refer-bench-report}
DATA=${DATA_DIR:-$DIR/data}
CLIENTS=${CLIENTS:-1000000}
REFERRALS=${REFERRALS:-5000000}
RUNS=${RUNS:-7}
MONTH=${MONTH:-2026-10}
YEAR=${YEAR:-2026}
die() { echo "bench/report.sh: $*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x "$REFER" ]] || die "refer binary '$REFER' is missing (build it first, or set REFER=...)"
[[ -x /usr/bin/time ]] || die "need /usr/bin/time (scripts/deps installs it)"
command -v sqlite3 >/dev/null || die "need sqlite3 (scripts/deps installs it)"
command -v python3 >/dev/null || die "need python3"
unset REFER_DB
export REFER_TODAY=2026-11-23

mkdir -p "$DIR"
gen_data "$DATA" "$CLIENTS" "$REFERRALS"

# --- the ledger: refer's imports and first payouts compute, once per data set and schema --
LEDGER="$DIR/ledger.db"
stamp="$(ledger_stamp "$REFER" "$DIR" "$DATA")" || die "cannot create an empty ledger"
with_payouts() { "$REFER" --db "$1" -q payouts compute || die "payouts compute failed"; }
imported_ledger "$LEDGER" "$REFER" "$DATA" "$stamp" with_payouts
printf 'ledger: %s MiB, %s referrals, %s payouts\n' "$(($(stat -c %s "$LEDGER") >> 20))" \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM referrals')" "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM payouts')"
SDB="$DIR/sqlite3.db"
rm -f "$SDB" "$SDB"-*
cp "$LEDGER" "$SDB"

# --- the bare SQL: every number of SPEC 8 for one period, one statement per group --------
# Written here on its own, not taken from refer; the program settings are the built-in
# defaults (the ledger has no program): a contact SLA of 2 days, promoters from 9.
bare_sql() {  # bare_sql FROM TO TREND_FROM
  local from=$1 to=$2 trend_from=$3 year_start uncontacted stale
  year_start=$(date -d "$to -364 days" +%F)
  uncontacted=$(date -d "$REFER_TODAY -2 days" +%F)
  stale=$(date -d "$REFER_TODAY -30 days" +%F)
  cat <<EOF
SELECT 'cohort', source, count(*), count(CASE WHEN contacted_on <= '$to' THEN 1 END),
       count(CASE WHEN contacted_on <= '$to' AND julianday(contacted_on) - julianday(submitted_on) <= 2 THEN 1 END),
       count(CASE WHEN meeting_on <= '$to' THEN 1 END)
FROM referrals WHERE submitted_on BETWEEN '$from' AND '$to' GROUP BY source;
SELECT 'won', source, count(*), sum(deal_value) FROM referrals WHERE won_on BETWEEN '$from' AND '$to' GROUP BY source;
WITH d(days) AS (SELECT julianday(won_on) - julianday(submitted_on) FROM referrals WHERE won_on BETWEEN '$from' AND '$to')
SELECT 'median', avg(days) FROM (SELECT days FROM d ORDER BY days
  LIMIT 2 - (SELECT count(*) FROM d) % 2 OFFSET ((SELECT count(*) FROM d) - 1) / 2);
SELECT 'lost', source, count(*) FROM referrals WHERE lost_on BETWEEN '$from' AND '$to' GROUP BY source;
SELECT 'new_clients', source = 'referral', count(*), count(annual_value), sum(annual_value)
FROM clients WHERE started_on BETWEEN '$from' AND '$to' AND kind = 'client' GROUP BY 2;
SELECT 'participation', count(*), count(CASE WHEN id IN (SELECT referrer_id FROM referrals
         WHERE submitted_on BETWEEN '$year_start' AND '$to') THEN 1 END)
FROM clients WHERE kind = 'client' AND (started_on IS NULL OR started_on <= '$to') AND (ended_on IS NULL OR ended_on >= '$to');
SELECT 'top', c.email, c.name, a.submitted, a.won, a.won_value FROM (
  SELECT referrer_id, sum(s) AS submitted, sum(w) AS won, sum(v) AS won_value FROM (
    SELECT referrer_id, 1 AS s, 0 AS w, 0 AS v FROM referrals WHERE submitted_on BETWEEN '$from' AND '$to'
    UNION ALL SELECT referrer_id, 0, 1, deal_value FROM referrals WHERE won_on BETWEEN '$from' AND '$to')
  GROUP BY referrer_id) a JOIN clients c ON c.id = a.referrer_id
ORDER BY a.won DESC, a.submitted DESC, c.email LIMIT 5;
SELECT 'earned', sum(amount) FROM payouts WHERE earned_on BETWEEN '$from' AND '$to' AND status <> 'void';
SELECT 'paid', sum(amount) FROM payouts WHERE paid_on BETWEEN '$from' AND '$to';
SELECT 'pending', sum(amount), count(CASE WHEN due_on < '$REFER_TODAY' THEN 1 END) FROM payouts WHERE status = 'pending';
SELECT 'nps', count(CASE WHEN score >= 9 THEN 1 END), count(CASE WHEN score BETWEEN 7 AND 8 THEN 1 END),
       count(CASE WHEN score <= 6 THEN 1 END) FROM nps_responses WHERE responded_on BETWEEN '$from' AND '$to';
SELECT 'trend_submitted', substr(submitted_on, 1, 7), count(*) FROM referrals
WHERE submitted_on BETWEEN '$trend_from' AND '$to' GROUP BY 2;
SELECT 'trend_won', substr(won_on, 1, 7), count(*), sum(deal_value) FROM referrals
WHERE won_on BETWEEN '$trend_from' AND '$to' GROUP BY 2;
SELECT 'uncontacted', id FROM referrals WHERE status = 'submitted' AND submitted_on < '$uncontacted' ORDER BY id;
SELECT 'stale', id FROM referrals WHERE status <> 'won' AND status <> 'lost' AND status_on <= '$stale'
  AND NOT (status = 'submitted' AND submitted_on < '$uncontacted') ORDER BY id;
EOF
}
month_from="$MONTH-01"
month_to=$(date -d "$month_from +1 month -1 day" +%F)
bare_sql "$month_from" "$month_to" "$(date -d "$month_from -5 months" +%F)" >"$DIR/bare.month.sql"
bare_sql "$YEAR-01-01" "$YEAR-12-31" "$YEAR-07-01" >"$DIR/bare.year.sql"

declare -A MS RSS
month=("$REFER" --db "$LEDGER" report --month "$MONTH")
year=("$REFER" --db "$LEDGER" report --year "$YEAR" --json)
sql_month=(sqlite3 -bail "$SDB" ".read $DIR/bare.month.sql")
sql_year=(sqlite3 -bail "$SDB" ".read $DIR/bare.year.sql")

echo "bench: $CLIENTS clients, $REFERRALS referrals, $RUNS round(s), refer=$REFER, $(sqlite3 --version | cut -d' ' -f1), dir=$DIR"
# One untimed run of each first: the ledger and its copy in the page cache.
"${month[@]}" >/dev/null && "${sql_month[@]}" >/dev/null && "${year[@]}" >/dev/null && "${sql_year[@]}" >/dev/null
for ((i = 1; i <= RUNS; i++)); do
  if ((i % 2)); then
    timed_run month "$i" "${month[@]}"; timed_run sql_month "$i" "${sql_month[@]}"
    timed_run year "$i" "${year[@]}"; timed_run sql_year "$i" "${sql_year[@]}"
  else
    timed_run sql_month "$i" "${sql_month[@]}"; timed_run month "$i" "${month[@]}"
    timed_run sql_year "$i" "${sql_year[@]}"; timed_run year "$i" "${year[@]}"
  fi
done

# Both contenders computed the same numbers: the year's headline counts side by side.
python3 - "$DIR/out.year.1" "$DIR/out.sql_year.1" <<'PY' || die "refer and the bare SQL disagree (see above)"
import json, sys
report = json.load(open(sys.argv[1]))
rows = [line.split("|") for line in open(sys.argv[2]).read().splitlines()]
def rows_of(kind): return [r[1:] for r in rows if r[0] == kind]
bare = {
    "submitted": sum(int(r[1]) for r in rows_of("cohort")),
    "won": sum(int(r[1]) for r in rows_of("won")),
    "won_value_cents": sum(int(r[2] or 0) for r in rows_of("won")),
    "lost": sum(int(r[1]) for r in rows_of("lost")),
    "eligible": int(rows_of("participation")[0][0]),
    "referrers": int(rows_of("participation")[0][1]),
    "earned_cents": int(rows_of("earned")[0][0] or 0),
    "median_days_to_close": float(rows_of("median")[0][0]),
    "uncontacted_overdue": len(rows_of("uncontacted")),
}
ours = {
    "submitted": report["referrals"]["submitted"], "won": report["referrals"]["won"],
    "won_value_cents": report["referrals"]["won_value_cents"], "lost": report["referrals"]["lost"],
    "eligible": report["participation"]["eligible"], "referrers": report["participation"]["referrers"],
    "earned_cents": report["payouts"]["earned_cents"],
    "median_days_to_close": float(report["referrals"]["median_days_to_close"]),
    "uncontacted_overdue": len(report["attention"]["uncontacted_overdue"]),
}
for key in bare:
    print(f"  check: {key:22} refer {ours[key]:>14}  bare SQL {bare[key]:>14}")
sys.exit(0 if ours == bare else 1)
PY

med() { tr ' ' '\n' | grep . | median; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n1; }
seconds() { awk -v m="$(med <<<"${MS[$1]}")" 'BEGIN { printf "%.3f", m / 1000 }'; }
ratio() { awk -v a="$(med <<<"${MS[$1]}")" -v b="$(med <<<"${MS[$2]}")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v x="$1" -v g="$2" 'BEGIN { print (x <= g ? "PASS" : "MISS") }'; }
echo
printf '%-44s %10s %12s  %s\n' contender 'median s' 'peak RSS MiB' 'runs (ms)'
for c in "month refer report --month $MONTH" "sql_month bare SQL, the month" \
         "year refer report --year $YEAR --json" "sql_year bare SQL, the year"; do
  read -r name label <<<"$c"
  printf '%-44s %10s %12s  %s\n' "$label" "$(seconds "$name")" "$(maxof <<<"${RSS[$name]}")" "${MS[$name]}"
done
echo
peak=$( (maxof <<<"${RSS[month]}"; maxof <<<"${RSS[year]}") | sort -g | tail -n1)
printf '%-44s %9sx %8s  %s\n' "report --month / bare SQL" "$(ratio month sql_month)" "<= 1.2" "$(verdict "$(ratio month sql_month)" 1.2)"
printf '%-44s %9sx %8s  %s\n' "report --year --json / bare SQL" "$(ratio year sql_year)" "<= 1.2" "$(verdict "$(ratio year sql_year)" 1.2)"
printf '%-44s %6s MiB %4s MiB  %s\n' "peak RSS of refer report" "$peak" "<= 256" "$(verdict "$peak" 256)"
rm -f "$SDB" "$SDB"-*
