#!/usr/bin/env bash
# Benchmark: the cron commands, `refer nudge --json` and `refer due --json`, on the
# pipeline's ledger (1M clients, 5M referrals) with NPS answers, promoters tagged, payouts
# computed, milestones and asks, against bare SQL that finds the same rows, run by sqlite3
# on a copy of the same database, same indexes. See bench/README.md.
# Environment: REFER (default build/refer), BENCH_DIR (/tmp/refer-bench-cron), DATA_DIR
# (BENCH_DIR/data), SOURCE_LEDGER (a ledger of that data already imported by refer, e.g.
# payouts.sh's ledger.db), CLIENTS (1000000), REFERRALS (5000000), RUNS (7).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source bench/lib.sh
REFER=${REFER:-build/refer}
[[ "$REFER" == /* ]] || REFER="$ROOT/$REFER"
DIR=${BENCH_DIR:-/tmp/refer-bench-cron}
DATA=${DATA_DIR:-$DIR/data}
CLIENTS=${CLIENTS:-1000000}
REFERRALS=${REFERRALS:-5000000}
RUNS=${RUNS:-7}
die() { echo "bench/cron.sh: $*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x "$REFER" ]] || die "refer binary '$REFER' is missing (build it first, or set REFER=...)"
[[ -x /usr/bin/time ]] || die "need /usr/bin/time (scripts/deps installs it)"
command -v sqlite3 >/dev/null || die "need sqlite3 (scripts/deps installs it)"
command -v python3 >/dev/null || die "need python3"
unset REFER_DB
export REFER_TODAY=2026-11-23
TODAY=$REFER_TODAY

mkdir -p "$DIR"
gen_data "$DATA" "$CLIENTS" "$REFERRALS"

# --- the ledger ---------------------------------------------------------------------------
# refer's imports (or a copy of SOURCE_LEDGER), then what cron reads: NPS answers from a
# third of the clients (imported by refer from a CSV written here), promoters tagged by
# refer, payouts computed by refer; and, written directly (refer has no import for them),
# a milestone for 1% of the clients and asks for a tenth, spread over the last two years.
LEDGER="$DIR/ledger.db"
stamp="$(ledger_stamp "$REFER" "$DIR" "$DATA") cron=1" || die "cannot create an empty ledger"
with_cron_data() {
  sqlite3 -csv "$1" "SELECT 'email', 'score', 'responded_on';
    SELECT email, (id * 7) % 11, date('$TODAY', '-' || ((id * 13) % 700) || ' days') FROM clients
    WHERE id % 3 = 0 AND email IS NOT NULL AND kind = 'client'" >"$DIR/nps.csv"
  "$REFER" --db "$1" -q import nps "$DIR/nps.csv" || die "import nps failed"
  "$REFER" --db "$1" -q tag promoters >/dev/null || die "tag promoters failed"
  "$REFER" --db "$1" -q payouts compute || die "payouts compute failed"
  sqlite3 "$1" "BEGIN;
    INSERT INTO milestones (client_id, on_date, description)
    SELECT id, date('$TODAY', '-' || ((id * 17) % 400) || ' days'), 'went live' FROM clients WHERE id % 100 = 7;
    INSERT OR IGNORE INTO asks (client_id, asked_on, reason)
    SELECT id, date('$TODAY', '-' || ((id * 29) % 730) || ' days'), 'quarterly' FROM clients WHERE id % 10 = 3;
    INSERT OR IGNORE INTO asks (client_id, asked_on, reason)
    SELECT id, date('$TODAY', '-' || ((id * 31) % 365) || ' days'), 'quarterly' FROM clients WHERE id % 20 = 3;
    COMMIT;"
}
imported_ledger "$LEDGER" "$REFER" "$DATA" "$stamp" with_cron_data
printf 'ledger: %s MiB; %s clients, %s referrals, %s payouts, %s NPS answers, %s promoters, %s milestones, %s asks\n' \
  "$(($(stat -c %s "$LEDGER") >> 20))" "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM clients')" \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM referrals')" "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM payouts')" \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM nps_responses')" \
  "$(sqlite3 "$LEDGER" "SELECT count(*) FROM tags WHERE tag = 'promoter'")" \
  "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM milestones')" "$(sqlite3 "$LEDGER" 'SELECT count(*) FROM asks')"
SDB="$DIR/sqlite3.db"
rm -f "$SDB" "$SDB"-*
cp "$LEDGER" "$SDB"

# --- bare SQL -------------------------------------------------------------------------------
# Written here on its own from SPEC 9 and 12, with the built-in program's settings (tenure
# 90, cadence 90 and 60, 3 unanswered asks, promoters from 9), starting from the same small
# sets. Prints email|reason|last_asked_on|unanswered|submitted|won in nudge's order.
day() { date -d "$TODAY $1 days" +%F; }
cat >"$DIR/nudge.sql" <<EOF
WITH ids(id) AS (
    SELECT client_id FROM milestones WHERE on_date BETWEEN '$(day -30)' AND '$(day -7)'
    UNION SELECT client_id FROM nps_responses WHERE responded_on BETWEEN '$(day -30)' AND '$(day -3)' AND score >= 9
    UNION SELECT referrer_id FROM referrals WHERE won_on BETWEEN '$(day -364)' AND '$TODAY' GROUP BY referrer_id HAVING count(*) >= 2
    UNION SELECT client_id FROM tags WHERE tag = 'promoter'
    UNION SELECT client_id FROM asks GROUP BY client_id HAVING count(*) >= 3),
person AS (
    SELECT c.id, c.email, c.started_on, c.ended_on,
           EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND t.tag = 'promoter') AS promoter,
           EXISTS (SELECT 1 FROM milestones m WHERE m.client_id = c.id AND m.on_date BETWEEN '$(day -30)' AND '$(day -7)') AS milestone,
           (SELECT score >= 9 AND responded_on BETWEEN '$(day -30)' AND '$(day -3)' FROM nps_responses n
            WHERE n.client_id = c.id AND n.responded_on <= '$TODAY' ORDER BY responded_on DESC LIMIT 1) AS nps,
           (SELECT count(*) FROM referrals r WHERE r.referrer_id = c.id AND r.won_on BETWEEN '$(day -364)' AND '$TODAY') >= 2 AS top
    FROM ids JOIN clients c ON c.id = ids.id
    WHERE (c.kind = 'client' OR c.kind = 'partner')
      AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.client_id = c.id AND (t.tag = 'do-not-contact' OR t.tag = 'referral-not-interested'))),
candidate AS (SELECT * FROM person WHERE ended_on IS NULL OR ended_on > '$TODAY' OR promoter),
sequence AS (
    SELECT a.client_id, a.asked_on, lead(a.asked_on) OVER (PARTITION BY a.client_id ORDER BY a.asked_on) AS next_ask
    FROM asks a JOIN candidate c ON c.id = a.client_id),
asked AS (
    SELECT client_id, asked_on,
           EXISTS (SELECT 1 FROM referrals r WHERE r.referrer_id = s.client_id AND r.submitted_on >= s.asked_on
                   AND r.submitted_on < coalesce(s.next_ask, '9999')) AS answered
    FROM sequence s),
streak AS (
    SELECT client_id, max(asked_on) AS last_ask,
           sum(asked_on > coalesce((SELECT max(b.asked_on) FROM asked b WHERE b.client_id = x.client_id AND b.answered), '')) AS unanswered
    FROM asked x GROUP BY client_id),
judged AS (
    SELECT c.*, s.last_ask, coalesce(s.unanswered, 0) AS unanswered,
           c.started_on IS NULL OR julianday('$TODAY') - julianday(c.started_on) >= 90 AS tenure,
           CASE WHEN c.milestone THEN 1
                WHEN (c.started_on IS NULL OR julianday('$TODAY') - julianday(c.started_on) >= 90) THEN
                     CASE WHEN c.nps THEN 2 WHEN c.top THEN 3 WHEN c.promoter THEN 4 END END AS reason
    FROM candidate c LEFT JOIN streak s ON s.client_id = c.id)
SELECT j.email, CASE j.reason WHEN 1 THEN 'milestone' WHEN 2 THEN 'nps' WHEN 3 THEN 'top-referrer' ELSE 'quarterly' END,
       j.last_ask, j.unanswered,
       (SELECT count(*) FROM referrals r WHERE r.referrer_id = j.id),
       (SELECT count(*) FROM referrals r WHERE r.referrer_id = j.id AND r.status = 'won')
FROM judged j
WHERE j.reason IS NOT NULL AND j.unanswered < 3
  AND (j.last_ask IS NULL OR julianday('$TODAY') - julianday(j.last_ask) >= CASE WHEN j.top THEN 60 ELSE 90 END)
ORDER BY j.reason, j.email IS NULL, j.email, j.id;
EOF

declare -A MS RSS
contenders=(nudge sql_nudge)
nudge=("$REFER" --db "$LEDGER" nudge --json)
sql_nudge=(sqlite3 -bail "$SDB" ".read $DIR/nudge.sql")
has_due=no
if "$REFER" due --help >/dev/null 2>&1 && [[ -f "$ROOT/bench/cron-due.sql" ]]; then
  has_due=yes
  contenders+=(due sql_due)
  sed "s/:today/'$TODAY'/g" "$ROOT/bench/cron-due.sql" >"$DIR/due.sql"
fi
due=("$REFER" --db "$LEDGER" due --json)
sql_due=(sqlite3 -bail "$SDB" ".read $DIR/due.sql")

echo "bench: $CLIENTS clients, $REFERRALS referrals, $RUNS round(s), refer=$REFER, $(sqlite3 --version | cut -d' ' -f1), dir=$DIR"
for c in "${contenders[@]}"; do declare -n cmd=$c; "${cmd[@]}" >/dev/null; done # warm the page cache
for ((i = 1; i <= RUNS; i++)); do
  order=("${contenders[@]}")
  ((i % 2)) || order=(sql_nudge nudge sql_due due)
  for c in "${order[@]}"; do
    [[ $c == *due && $has_due == no ]] && continue
    declare -n cmd=$c
    timed_run "$c" "$i" "${cmd[@]}"
  done
done

# Both found the same people for the same reasons, in the same order.
python3 - "$DIR/out.nudge.1" "$DIR/out.sql_nudge.1" <<'PY' || die "refer nudge and the bare SQL disagree"
import json, sys
ours = [(r["email"] or "", r["reason"], r["last_asked_on"] or "", str(r["unanswered_asks"]),
         str(r["referrals_submitted"]), str(r["referrals_won"])) for r in json.load(open(sys.argv[1]))]
bare = [tuple(line.split("|")) for line in open(sys.argv[2]).read().splitlines()]
print(f"  check: nudge: refer {len(ours)} people, bare SQL {len(bare)}; same rows in the same order: {ours == bare}")
for a, b in zip(ours, bare):
    if a != b:
        print(f"  first difference: refer {a} / bare SQL {b}")
        break
sys.exit(0 if ours == bare else 1)
PY
if [[ $has_due == yes ]]; then
  python3 - "$DIR/out.due.1" "$DIR/out.sql_due.1" <<'PY' || die "refer due and the bare SQL disagree"
import json, sys
ours = [(r["type"], str(r["referral"]), str(r["since"]), str(r["days"])) for r in json.load(open(sys.argv[1]))]
bare = [tuple(line.split("|")[:4]) for line in open(sys.argv[2]).read().splitlines()]
print(f"  check: due: refer {len(ours)} rows, bare SQL {len(bare)}; same rows in the same order: {ours == bare}")
sys.exit(0 if ours == bare else 1)
PY
fi

med() { tr ' ' '\n' | grep . | median; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n1; }
seconds() { awk -v m="$(med <<<"${MS[$1]}")" 'BEGIN { printf "%.3f", m / 1000 }'; }
ratio() { awk -v a="$(med <<<"${MS[$1]}")" -v b="$(med <<<"${MS[$2]}")" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v x="$1" -v g="$2" 'BEGIN { print (x <= g ? "PASS" : "MISS") }'; }
echo
printf '%-34s %10s %12s  %s\n' contender 'median s' 'peak RSS MiB' 'runs (ms)'
for c in "nudge refer nudge --json" "sql_nudge bare SQL, nudge" "due refer due --json" "sql_due bare SQL, due"; do
  read -r name label <<<"$c"
  [[ -n "${MS[$name]:-}" ]] || continue
  printf '%-34s %10s %12s  %s\n' "$label" "$(seconds "$name")" "$(maxof <<<"${RSS[$name]}")" "${MS[$name]}"
done
echo
printf '%-34s %9sx %8s  %s\n' "nudge --json / bare SQL" "$(ratio nudge sql_nudge)" "<= 1.5" "$(verdict "$(ratio nudge sql_nudge)" 1.5)"
[[ $has_due == no ]] || printf '%-34s %9sx %8s  %s\n' "due --json / bare SQL" "$(ratio due sql_due)" "<= 1.5" \
  "$(verdict "$(ratio due sql_due)" 1.5)"
peak=$(for c in nudge due; do [[ -z "${RSS[$c]:-}" ]] || maxof <<<"${RSS[$c]}"; done | sort -g | tail -n1)
printf '%-34s %6s MiB %4s MiB  %s\n' "peak RSS of nudge and due" "$peak" "<= 256" "$(verdict "$peak" 256)"
rm -f "$SDB" "$SDB"-*
