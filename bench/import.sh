#!/usr/bin/env bash
# Benchmark: `refer import clients` vs. a plain sqlite3 `.import` of the same CSV.
# See bench/README.md. Environment knobs:
#   REFER      refer binary            (default: build/refer, relative to the repo root)
#   BENCH_DIR  work directory          (default: /tmp/refer-bench)
#   RUNS       repetitions             (default: 3)
#   ROWS       clients in the CSV      (default: 1000000)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

REFER=${REFER:-build/refer}
DIR=${BENCH_DIR:-/tmp/refer-bench}
N=${RUNS:-3}
ROWS=${ROWS:-1000000}
SEED=1
GEN="$ROOT/bench/gen.py"

die() { echo "bench/import.sh: $*" >&2; exit 1; }

[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$N')"
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive integer (got '$ROWS')"

# --- tools -----------------------------------------------------------------
missing=()
[[ -x /usr/bin/time ]] && dpkg -s time >/dev/null 2>&1 || missing+=(time)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    SUDO=
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "need ${missing[*]} but not root and no sudo"
        SUDO=sudo
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time not available"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 not available"
command -v python3 >/dev/null 2>&1 || die "python3 not available (needed by bench/gen.py)"
[[ -f "$GEN" ]] || die "generator not found: $GEN"

# .import --skip needs sqlite3 >= 3.32
sqlite_ver=$(sqlite3 --version | awk '{print $1}')
if ! awk -v v="$sqlite_ver" 'BEGIN { split(v, a, "."); exit !(a[1] > 3 || (a[1] == 3 && a[2] >= 32)) }'; then
    die "sqlite3 $sqlite_ver is too old: '.import --skip' needs >= 3.32"
fi

# --- refer binary ----------------------------------------------------------
[[ "$REFER" == /* ]] || REFER="$ROOT/$REFER"
[[ -f "$REFER" && -x "$REFER" ]] \
    || die "refer binary '$REFER' is missing or not executable (build it first, or set REFER=/path/to/refer)"

# --- data (generated once, cached by parameters) ---------------------------
mkdir -p "$DIR"
DATA="$DIR/data"
CSV="$DATA/clients.csv"
stamp="rows=$ROWS seed=$SEED referrals=0 gen=$(sha1sum "$GEN" | cut -c1-12)"
if [[ -f "$CSV" && -f "$DATA/.bench-params" && "$(cat "$DATA/.bench-params")" == "$stamp" ]]; then
    echo "data: reusing $CSV ($stamp)"
else
    echo "data: generating $ROWS clients into $DATA ..."
    rm -rf "$DATA"
    python3 "$GEN" "$DATA" --clients "$ROWS" --referrals 0 --seed "$SEED" >&2
    [[ -f "$CSV" ]] || die "generator did not write $CSV"
    echo "$stamp" >"$DATA/.bench-params"
fi
csv_rows=$(($(wc -l <"$CSV") - 1))   # generated data has no embedded newlines
[[ "$csv_rows" -eq "$ROWS" ]] || die "$CSV has $csv_rows data rows, expected $ROWS"
csv_mib=$(awk -v b="$(stat -c %s "$CSV")" 'BEGIN { printf "%.1f", b / 1048576 }')

# --- contenders ------------------------------------------------------------
RDB="$DIR/refer.db"
SQLITE_DB="$DIR/sqlite3.db"

run_refer() {
    rm -f "$RDB" "$RDB"-*
    /usr/bin/time -v -o "$1" "$REFER" --db "$RDB" -q import clients "$CSV"
}

run_sqlite3() {
    rm -f "$SQLITE_DB" "$SQLITE_DB"-*
    /usr/bin/time -v -o "$1" sqlite3 -bail "$SQLITE_DB" <<EOF
CREATE TABLE clients(email TEXT, name TEXT, company TEXT, industry TEXT, annual_value TEXT, started_on TEXT, source TEXT, tags TEXT);
CREATE UNIQUE INDEX clients_email ON clients(email COLLATE NOCASE);
.mode csv
.import --skip 1 '$CSV' clients
EOF
}

# elapsed seconds from a /usr/bin/time -v report ("h:mm:ss" or "m:ss.ss")
parse_elapsed() {
    awk -F': ' '/Elapsed \(wall clock\) time/ {
        n = split($NF, p, ":"); s = 0
        for (i = 1; i <= n; i++) s = s * 60 + p[i]
        printf "%.3f\n", s; found = 1
    } END { exit !found }' "$1"
}
# peak RSS in KiB
parse_rss() {
    awk -F': ' '/Maximum resident set size/ { print $NF; found = 1 } END { exit !found }' "$1"
}

declare -A TIMES RSS
timed() {  # timed NAME RUN
    local name=$1 i=$2 log="$DIR/time.$1.$2" out="$DIR/out.$1.$2" secs rss
    if ! "run_$name" "$log" >"$out" 2>&1; then
        echo "bench/import.sh: $name failed in run $i; its output:" >&2
        cat "$out" >&2
        [[ -f "$log" ]] && grep -E 'Exit status|signal' "$log" >&2 || true
        exit 1
    fi
    secs=$(parse_elapsed "$log") || die "cannot parse elapsed time from $log"
    rss=$(parse_rss "$log") || die "cannot parse max RSS from $log"
    TIMES[$name]+="$secs "
    RSS[$name]+="$rss "
    printf '  run %d/%d  %-7s %9.2f s  %8.1f MiB\n' "$i" "$N" "$name" "$secs" \
        "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
}

echo "bench: $ROWS rows ($csv_mib MiB CSV), $N run(s), refer=$REFER, $(sqlite3 --version | cut -d' ' -f1-2), dir=$DIR"
for ((i = 1; i <= N; i++)); do
    # alternate who goes first so neither always gets the warmer cache
    if ((i % 2)); then order=(refer sqlite3); else order=(sqlite3 refer); fi
    for c in "${order[@]}"; do timed "$c" "$i"; done

    # sanity: both databases hold every row
    got=$(sqlite3 "$RDB" 'select count(*) from clients') \
        || die "cannot read clients from $RDB"
    [[ "$got" -eq "$ROWS" ]] || die "refer db has $got clients, expected $ROWS"
    got=$(sqlite3 "$SQLITE_DB" 'select count(*) from clients')
    [[ "$got" -eq "$ROWS" ]] || die "sqlite3 db has $got rows, expected $ROWS"
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END {
    if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof() { tr ' ' '\n' | grep . | sort -g | tail -n1; }

declare -A MED PEAK
for c in refer sqlite3; do
    MED[$c]=$(median <<<"${TIMES[$c]}")
    PEAK[$c]=$(maxof <<<"${RSS[$c]}")
done
db_mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo
printf '%-8s %10s %12s %14s %10s  %s\n' contender 'median s' 'rows/s' 'peak RSS MiB' 'db MiB' 'runs (s)'
for c in refer sqlite3; do
    db=$RDB; [[ $c == sqlite3 ]] && db=$SQLITE_DB
    awk -v c="$c" -v m="${MED[$c]}" -v r="$ROWS" -v k="${PEAK[$c]}" -v d="$(db_mib "$db")" -v runs="${TIMES[$c]}" \
        'BEGIN { printf "%-8s %10.2f %12.0f %14.1f %10s  %s\n", c, m, (m > 0 ? r / m : 0), k / 1024, d, runs }'
done
awk -v a="${MED[refer]}" -v b="${MED[sqlite3]}" -v ka="${PEAK[refer]}" -v kb="${PEAK[sqlite3]}" \
    'BEGIN { printf "\nratio refer/sqlite3: time %s, peak RSS %.2fx\n", (b > 0 ? sprintf("%.2fx", a / b) : "n/a"), ka / kb }'
echo "refer db: $ROWS clients (checked)"
