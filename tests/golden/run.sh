#!/usr/bin/env bash
# Runs one golden case: tests/golden/CASE/cmd in a fresh temporary directory holding the
# case's other files, then compares its stdout, stderr and exit status, normalised, with the
# files stdout, stderr and status of the case. With --bless, writes them instead and shows
# what changed. See tests/golden/README.md.
#
# usage: REFER=path/to/refer run.sh [--bless] CASE_DIR
set -uo pipefail

bless=no
if [ "${1:-}" == "--bless" ]; then bless=yes; shift; fi
if [ $# -ne 1 ] || [ ! -f "$1/cmd" ]; then
  echo "usage: REFER=path/to/refer $0 [--bless] CASE_DIR (a folder with a cmd file)" >&2
  exit 2
fi
: "${REFER:?REFER must point at the built refer binary}"
case_dir=$(cd "$1" && pwd)
name=$(basename "$case_dir")
refer_bin=$(cd "$(dirname "$REFER")" && pwd)/$(basename "$REFER")
[ -x "$refer_bin" ] || { echo "$name: REFER=$REFER is not an executable" >&2; exit 2; }

# The case runs in $work/case; `refer` is found on PATH through $work/bin, so that it also
# works from xargs or a sub-shell and names itself "refer" as it does for a user.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/case" "$work/bin" "$work/actual"
ln -s "$refer_bin" "$work/bin/refer"
cp -R "$case_dir/." "$work/case/"
rm -f "$work/case/cmd" "$work/case/stdout" "$work/case/stderr" "$work/case/status"

# A clean environment: nothing of the caller's shell (REFER_DB, XDG_DATA_HOME,
# REFER_BUSY_TIMEOUT_MS...) leaks into a case, except the sanitizers' options.
passed_env=()
for var in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
  [ -n "${!var+set}" ] && passed_env+=("$var=${!var}")
done
# shellcheck disable=SC2016 # $1 is expanded by the inner bash: the path of cmd
(
  cd "$work/case" &&
  env -i "${passed_env[@]}" PATH="$work/bin:/usr/local/bin:/usr/bin:/bin" HOME="$work/case" \
    REFER_DB="$work/case/refer.db" REFER_TODAY=2026-11-23 USER=golden LOGNAME=golden GOLDEN_SHARED="$(dirname "$case_dir")/shared" \
    TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8 \
    bash --noprofile --norc -c '. "$1"' golden "$case_dir/cmd" \
    </dev/null >"$work/actual/stdout" 2>"$work/actual/stderr"
)
echo $? >"$work/actual/status"

# What varies from run to run: the temporary directory, event timestamps, elapsed times.
sed_literal() { printf '%s' "$1" | sed 's/[][\/.^$*]/\\&/g'; }
tmp_real=$(cd "$work/case" && pwd -P)
for stream in stdout stderr; do
  sed -i -E \
    -e "s/$(sed_literal "$tmp_real")/<tmp>/g" \
    -e "s/$(sed_literal "$work/case")/<tmp>/g" \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/<at>/g' \
    -e 's/\([0-9]+\.[0-9]+ s\)/(T s)/g' \
    "$work/actual/$stream"
done

if [ "$bless" == yes ]; then
  for file in stdout stderr status; do
    if [ ! -f "$case_dir/$file" ]; then
      echo "$name: new $file"
      sed 's/^/  /' "$work/actual/$file"
    elif ! cmp -s "$case_dir/$file" "$work/actual/$file"; then
      diff -u --label "$name/$file (was)" --label "$name/$file (now)" "$case_dir/$file" "$work/actual/$file"
    fi
    cp "$work/actual/$file" "$case_dir/$file"
  done
  exit 0
fi

failed=no
for file in stdout stderr status; do
  if [ ! -f "$case_dir/$file" ]; then
    echo "$name: no expected $file (write it, or bless the case)"
    failed=yes
  elif ! cmp -s "$case_dir/$file" "$work/actual/$file"; then
    echo "$name: $file differs (-expected +actual):"
    diff -u --label "expected/$file" --label "actual/$file" "$case_dir/$file" "$work/actual/$file"
    failed=yes
  fi
done
if [ "$failed" == yes ]; then
  echo "$name: FAILED; if the change is deliberate: scripts/bless $name"
  exit 1
fi
