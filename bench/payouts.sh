#!/usr/bin/env bash
# Benchmark: `refer payouts compute` on the pipeline's ledger (1M clients, 5M referrals)
# against bare SQL that writes the same payout rows. See bench/README.md.
# Environment: REFER (default build/refer), BENCH_DIR (/tmp/refer-bench-payouts),
# CLIENTS (1000000), REFERRALS (5000000), RUNS (5), PROGRAM (sample-data/program.toml).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source bench/lib.sh
REFER=${REFER:-build/refer}
[[ "$REFER" == /* ]] || REFER="$ROOT/$REFER"
DIR=${BENCH_DIR:-/tmp/refer-bench-payouts}
CLIENTS=${CLIENTS:-1000000}
REFERRALS=${REFERRALS:-5000000}
RUNS=${RUNS:-5}
PROGRAM=${PROGRAM:-sample-data/program.toml}
die() { echo "bench/payouts.sh: $*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x "$REFER" ]] || die "refer binary '$REFER' is missing (build it first, or set REFER=...)"
[[ -x /usr/bin/time ]] || { apt-get install -y -qq time >/dev/null || die "need /usr/bin/time"; }
command -v sqlite3 >/dev/null || { apt-get install -y -qq sqlite3 >/dev/null || die "need sqlite3"; }
unset REFER_DB
export REFER_TODAY=2026-11-23

mkdir -p "$DIR"
gen_data "$DIR/data" "$CLIENTS" "$REFERRALS"

# --- the ledger: refer's own imports, once per data set and schema ----------------------
LEDGER="$DIR/ledger.db"
schema_of() { sqlite3 "$1" 'PRAGMA user_version'; }
rm -f "$DIR/probe.db"*
printf 'email\n' | "$REFER" --db "$DIR/probe.db" -q import clients - || die "cannot create an empty ledger"
stamp="$(cat "$DIR/data/.bench-params") schema=$(schema_of "$DIR/probe.db")"
rm -f "$DIR/probe.db"*
if [[ -f "$LEDGER" && "$(cat "$LEDGER.params" 2>/dev/null)" == "$stamp" ]]; then
  echo "ledger: reusing $LEDGER ($stamp)"
else
  rm -f "$LEDGER" "$LEDGER"-* "$LEDGER.params"
  for what in clients referrals; do
    /usr/bin/time -v -o "$DIR/time.import.$what" "$REFER" --db "$LEDGER" import "$what" "$DIR/data/$what.csv" \
      2>"$DIR/out.import.$what" || { cat "$DIR/out.import.$what" >&2; die "import $what failed"; }
    printf 'ledger: import %-9s %8s s  peak RSS %7s MiB  %s\n' "$what" "$(elapsed_s "$DIR/time.import.$what")" \
      "$(rss_mib "$DIR/time.import.$what")" "$(tail -n1 "$DIR/out.import.$what")"
    grep -q ' 0 rejected' "$DIR/out.import.$what" || die "import $what rejected rows (see $DIR/out.import.$what)"
  done
  sqlite3 "$LEDGER" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  echo "$stamp" >"$LEDGER.params"
fi
printf 'ledger: %s MiB, %s referrals\n' "$(($(stat -c %s "$LEDGER") >> 20))" \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM referrals')"

# --- contenders ----------------------------------------------------------------------
# Bare SQL: the built-in default program's payout rows (SPEC 7), with refer's explanation
# text, into the ledger's own payouts table and its indexes, in one transaction, under the
# settings refer opens the ledger with (WAL as stored in the file, foreign keys on,
# synchronous NORMAL).
BARE_SQL=$(cat <<'EOF'
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
BEGIN IMMEDIATE;
INSERT INTO payouts (referral_id, beneficiary, client_id, reward, kind, amount, earned_on, due_on, status, explanation)
SELECT id, 'referrer', referrer_id, 'discovery call thanks', 'cash', 10000, meeting_on, date(meeting_on, '+30 days'),
       'pending', 'discovery call thanks: $100.00 for reaching meeting; built-in default program'
FROM referrals WHERE meeting_on IS NOT NULL;
INSERT INTO payouts (referral_id, beneficiary, client_id, reward, kind, amount, earned_on, due_on, status, explanation)
SELECT id, 'referrer', referrer_id, 'signing bonus', 'cash', min(raw, 200000), won_on, date(won_on, '+30 days'),
       'pending', 'signing bonus: 10% of $' || printf('%,d.%02d', deal_value / 100, deal_value % 100) || ' = $'
       || printf('%,d.%02d', raw / 100, raw % 100) || iif(raw > 200000, ' -> $2,000.00', '')
       || ' (cap $2,000.00); built-in default program'
FROM (SELECT id, referrer_id, won_on, deal_value, (deal_value + 5) / 10 AS raw
      FROM referrals WHERE won_on IS NOT NULL AND deal_value IS NOT NULL);
COMMIT;
EOF
)
# For information: the event refer appends for every payout it creates, in bare SQL.
EVENTS_SQL=$(cat <<'EOF'
PRAGMA synchronous = NORMAL;
BEGIN IMMEDIATE;
INSERT INTO events (at, on_date, entity, entity_id, what, old, new, user)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '2026-11-23', 'payout', id, 'created', NULL,
       printf('%d.%02d', amount / 100, amount % 100) || ' ' || kind || ' ' || reward || ' to the referrer for referral '
       || referral_id, 'bench'
FROM payouts;
COMMIT;
EOF
)
RDB="$DIR/refer.db"
SDB="$DIR/sqlite3.db"
fresh() { rm -f "$1" "$1"-*; cp "$LEDGER" "$1"; }

declare -A MS RSS CPU
# timed NAME ROUND COMMAND...: wall ms (date) and peak RSS (/usr/bin/time -v) of one run.
timed() {
  local name=$1 round=$2 log="$DIR/time.$1.$2" out="$DIR/out.$1.$2" t0 ms
  shift 2
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$log" "$@" >"$out" 2>&1; then
    cat "$out" >&2
    die "$name failed in round $round: $*"
  fi
  ms=$((($(date +%s%N) - t0) / 1000000))
  MS[$name]+="$ms "
  RSS[$name]+="$(rss_mib "$log") "
  CPU[$name]+="$(cpu_s "$log") "
  printf '  round %d/%d  %-7s %9.3f s  cpu %8.2f s  %7s MiB  %s\n' "$round" "$RUNS" "$name" \
    "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "$(cpu_s "$log")" "$(rss_mib "$log")" \
    "$(grep -m1 '^payouts:' "$out" || true)"
}
echo "$BARE_SQL" >"$DIR/bare.sql"
echo "$EVENTS_SQL" >"$DIR/events.sql"
bare=(sqlite3 -bail "$SDB" ".read $DIR/bare.sql")
events=(sqlite3 -bail "$SDB" ".read $DIR/events.sql")
compute=("$REFER" --db "$RDB" payouts compute)
digest() { sqlite3 "$1" "SELECT count(*) || ' rows, sum(amount) ' || coalesce(sum(amount), 0) || ', explanations '
                          || coalesce(sum(length(explanation)), 0) || ' bytes' FROM payouts WHERE status <> 'void'"; }
same_rows() {  # rows in one database and not the other (ids aside), both ways
  local cols="referral_id, beneficiary, email, client_id, reward, kind, amount, earned_on, due_on, status, explanation"
  sqlite3 "$RDB" "ATTACH '$SDB' AS s; SELECT (SELECT count(*) FROM (SELECT $cols FROM main.payouts EXCEPT SELECT $cols FROM s.payouts))
                  + (SELECT count(*) FROM (SELECT $cols FROM s.payouts EXCEPT SELECT $cols FROM main.payouts))"
}

has_program_load=no
if "$REFER" --help 2>/dev/null | grep -Eq '^ +program ' && "$REFER" program load --help >/dev/null 2>&1; then
  has_program_load=yes
fi

mid=$((REFERRALS / 2))
mapfile -t open < <(sqlite3 "$LEDGER" "SELECT id FROM referrals WHERE won_on IS NULL AND lost_on IS NULL
                                       ORDER BY id DESC LIMIT $RUNS")
[[ ${#open[@]} -eq $RUNS ]] || die "need $RUNS open referrals to advance"
echo "bench: $CLIENTS clients, $REFERRALS referrals, $RUNS round(s), refer=$REFER, $(sqlite3 --version | cut -d' ' -f1), dir=$DIR"
mismatch=0
for ((i = 1; i <= RUNS; i++)); do
  fresh "$RDB"
  fresh "$SDB"
  # (a) and the bare SQL on copies of the same ledger; who goes first alternates.
  if ((i % 2)); then timed a "$i" "${compute[@]}"; timed sql "$i" "${bare[@]}"; else timed sql "$i" "${bare[@]}"; timed a "$i" "${compute[@]}"; fi
  got_refer=$(digest "$RDB")
  got_sql=$(digest "$SDB")
  echo "  check: refer   $got_refer"
  echo "  check: sqlite3 $got_sql"
  if [[ "$got_refer" != "$got_sql" ]]; then echo "  check: MISMATCH" >&2; mismatch=1; fi
  if ((i == 1)); then
    differ=$(same_rows)
    echo "  check: $differ payout rows differ between refer and bare SQL (ids aside)"
    ((differ == 0)) || mismatch=1
  fi
  timed events "$i" "${events[@]}"
  # (b) nothing changed since (a).
  timed b "$i" "${compute[@]}"
  # (c) one referral won, then a compute; against a `show` of a referral (three per round).
  "$REFER" --db "$RDB" -q advance "${open[i - 1]}" won --value 12,000
  timed c "$i" "${compute[@]}"
  for ((k = 0; k < 3; k++)); do timed show "$i" "$REFER" --db "$RDB" show "$mid" --json; done
  # (d) a program loaded: everything judged again.
  if [[ $has_program_load == yes && -f "$PROGRAM" ]]; then
    "$REFER" --db "$RDB" -q program load "$PROGRAM"
    timed d "$i" "${compute[@]}"
  fi
done
rm -f "$RDB" "$RDB"-* "$SDB" "$SDB"-*

med() { tr ' ' '\n' | grep . | median; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n1; }
row() {  # row NAME LABEL
  [[ -n "${MS[$1]:-}" ]] || return 0
  local runs
  runs=$(for m in ${MS[$1]}; do awk -v m="$m" 'BEGIN { printf "%.3f ", m / 1000 }'; done)
  printf '%-46s %10.3f %10.2f %12s  %s\n' "$2" "$(awk -v m="$(med <<<"${MS[$1]}")" 'BEGIN { print m / 1000 }')" \
    "$(med <<<"${CPU[$1]}")" "$(maxof <<<"${RSS[$1]}")" "$runs"
}
echo
printf '%-46s %10s %10s %12s  %s\n' contender 'median s' 'median cpu' 'peak RSS MiB' 'runs (s)'
row sql "bare SQL (sqlite3), payout rows"
row events "(info) bare SQL, an event per payout"
row a "(a) refer payouts compute, first"
row b "(b) refer payouts compute, nothing changed"
row c "(c) refer payouts compute, after one advance"
row show "    refer show $mid --json"
row d "(d) refer payouts compute, program loaded"
if [[ $has_program_load == no ]]; then
  echo "(d) skipped: refer program load not available"
elif [[ ! -f "$PROGRAM" ]]; then
  echo "(d) skipped: $PROGRAM not found"
fi

ratio() { awk -v a="$(med <<<"${MS[$1]}")" -v b="$(med <<<"${MS[$2]}")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
cpu_ratio() { awk -v a="$(med <<<"${CPU[$1]}")" -v b="$(med <<<"${CPU[$2]}")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
# (a) against the bare SQL of the same round: how much the noise moves the ratio.
per_round=$(paste -d' ' <(tr ' ' '\n' <<<"${MS[a]}" | grep .) <(tr ' ' '\n' <<<"${MS[sql]}" | grep .) \
  | awk '{ printf "%.2f ", $1 / $2 }')
verdict() { awk -v x="$1" -v g="$2" 'BEGIN { print (x <= g ? "PASS" : "MISS") }'; }
peak=$(for c in a b c d; do if [[ -n "${MS[$c]:-}" ]]; then maxof <<<"${RSS[$c]}"; fi; done | sort -g | tail -n1)
echo
echo "(a) / bare SQL per round: $per_round(median cpu: $(cpu_ratio a sql)x)"
echo
printf '%-46s %10s %8s  %s\n' goal measured goal result
for g in "a sql 2.0 (a) first compute / bare SQL" "b sql 0.5 (b) second compute / bare SQL" \
         "c show 5 (c) compute after an advance / show"; do
  read -r x y limit label <<<"$g"
  r=$(ratio "$x" "$y")
  printf '%-46s %9sx %7sx  %s\n' "$label" "$r" "<= $limit" "$(verdict "$r" "$limit")"
done
printf '%-46s %6s MiB %4s MiB  %s\n' "peak RSS of refer payouts compute" "$peak" "<= 256" "$(verdict "$peak" 256)"
[[ -z "${MS[d]:-}" ]] || printf '%-46s %9sx %8s  %s\n' "(d) program loaded / bare SQL (no goal)" "$(ratio d sql)" "" ""
((mismatch == 0)) || die "refer and the bare SQL wrote different payouts (see the checks above)"
