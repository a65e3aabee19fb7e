#!/usr/bin/env bash
# Crash safety at length: TRIALS (default 1000) SIGKILLs at random moments of a people import,
# a bulk referral import and a first payouts compute, in turn, each checked by bench/crash.py
# (the ledger is exactly the before or the after state, a reader sees one of them, running
# the command again gives the after state); prints the tally. See bench/README.md.
#   bench/crash.sh [TRIALS]            SEED=S to repeat a run's delays; REFER, BENCH_DIR, ROWS
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
trials=${1:-1000}
REFER=${REFER:-build/refer}
BENCH_DIR=${BENCH_DIR:-/tmp/refer-bench-crash}
[ -x "$REFER" ] || { echo "bench/crash.sh: $REFER is not an executable (scripts/build build first)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
exec python3 bench/crash.py --refer "$(realpath "$REFER")" --work "$BENCH_DIR" --trials "$trials" \
  --rows "${ROWS:-3000}" ${SEED:+--seed "$SEED"}
