# Helpers shared by the benchmark scripts (sourced, not run). Needs $ROOT (the repo root).

# gen_data DIR CLIENTS REFERRALS: bench/gen.py's CSVs in DIR, generated once and reused
# while the parameters and the generator are unchanged (the stamp is DIR/.bench-params).
gen_data() {
  local dir=$1 clients=$2 referrals=$3 gen="$ROOT/bench/gen.py" stamp
  stamp="clients=$clients referrals=$referrals seed=1 gen=$(sha1sum "$gen" | cut -c1-12)"
  if [[ -f "$dir/.bench-params" && "$(cat "$dir/.bench-params")" == "$stamp" ]]; then
    echo "data: reusing $dir ($stamp)"
    return
  fi
  echo "data: generating $stamp into $dir ..."
  rm -rf "$dir"
  python3 "$gen" "$dir" --clients "$clients" --referrals "$referrals" --seed 1 >&2
  echo "$stamp" >"$dir/.bench-params"
}

# elapsed_s LOG: wall seconds from a `/usr/bin/time -v` report ("h:mm:ss" or "m:ss.ss").
elapsed_s() {
  awk -F': ' '/Elapsed \(wall clock\) time/ { n = split($NF, p, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f\n", s; found = 1 } END { exit !found }' "$1"
}

# rss_mib LOG: peak resident set size from a `/usr/bin/time -v` report, in MiB.
rss_mib() {
  awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $NF / 1024; found = 1 } END { exit !found }' "$1"
}

# cpu_s LOG: user + system CPU seconds from a `/usr/bin/time -v` report (less sensitive than
# wall time to other work on the machine, as long as it does not wait for the disk).
cpu_s() {
  awk -F': ' '/(User|System) time \(seconds\)/ { s += $NF; found++ } END { printf "%.2f\n", s; exit found != 2 }' "$1"
}

# median: of the numbers on stdin, one per line.
median() {
  sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1
    print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ledger_stamp REFER DIR DATA: what a ledger built by REFER from DATA depends on: the data's
# parameters and the schema version REFER writes (probed on an empty ledger in DIR).
ledger_stamp() {
  local refer=$1 dir=$2 data=$3 schema
  rm -f "$dir/probe.db"*
  printf 'email\n' | "$refer" --db "$dir/probe.db" -q import clients - || return 1
  schema=$(sqlite3 "$dir/probe.db" 'PRAGMA user_version')
  rm -f "$dir/probe.db"*
  echo "$(cat "$data/.bench-params") schema=$schema"
}

# timed_run NAME ROUND COMMAND...: runs COMMAND once (stdout in $DIR/out.NAME.ROUND), adds
# its wall time in ms (date) to MS[NAME] and its peak RSS in MiB (/usr/bin/time -v) to
# RSS[NAME], and prints one line. Needs $DIR and $RUNS; stops the script if COMMAND fails.
timed_run() {
  local name=$1 round=$2 log="$DIR/time.$1.$2" out="$DIR/out.$1.$2" t0 ms
  shift 2
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$log" "$@" >"$out" 2>"$out.err"; then
    cat "$out.err" >&2
    echo "$name failed in round $round: $*" >&2
    exit 1
  fi
  ms=$((($(date +%s%N) - t0) / 1000000))
  MS[$name]+="$ms "
  RSS[$name]+="$(rss_mib "$log") "
  printf '  round %d/%d  %-10s %8.3f s  %7s MiB  %s lines\n' "$round" "$RUNS" "$name" \
    "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" "$(rss_mib "$log")" "$(grep -c . "$out" || true)"
}

# imported_ledger LEDGER REFER DATA STAMP ADD: LEDGER holds DATA imported by REFER (or a copy
# of $SOURCE_LEDGER, a ledger of the same data imported before), then what the function
# named ADD puts in (called with LEDGER), ANALYZEd and checkpointed. Built once, reused while
# STAMP (kept in LEDGER.params) is the same.
imported_ledger() {
  local ledger=$1 refer=$2 data=$3 stamp=$4 add=$5 what
  if [[ -f "$ledger" && "$(cat "$ledger.params" 2>/dev/null)" == "$stamp" ]]; then
    echo "ledger: reusing $ledger ($stamp)"
    return
  fi
  rm -f "$ledger" "$ledger"-* "$ledger.params"
  if [[ -n "${SOURCE_LEDGER:-}" ]]; then
    cp "$SOURCE_LEDGER" "$ledger"
  else
    for what in clients referrals; do
      "$refer" --db "$ledger" -q import "$what" "$data/$what.csv" || { echo "import $what failed" >&2; exit 1; }
    done
  fi
  "$add" "$ledger"
  sqlite3 "$ledger" 'ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  echo "$stamp" >"$ledger.params"
}
