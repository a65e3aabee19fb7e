#!/usr/bin/env bash
# The README's tour runs as written: every command of the ```sh blocks under "## A short
# tour", read from README.md itself and run in order in one shell (so that its exports
# carry on, as in a reader's terminal), from a copy of sample-data/, with the built refer
# on PATH and a home of its own (the tour's databases, ~/referrals.db and a mktemp one,
# land in the test's directory). Every command must exit 0. A command the tour shows but
# that must not run goes in a block of another language (```text); a ```sh block outside
# the tour (Quick start, Install) is not run.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the repository}"

# The reader's shell: no database or "today" chosen yet (the tour chooses them).
export HOME="$TMP/home" TMPDIR="$TMP/tmp"
mkdir -p "$HOME" "$TMPDIR" bin
ln -s "$REFER" bin/refer
export PATH="$TMP/bin:$PATH"
unset REFER_DB REFER_TODAY
cp -r "$ROOT/sample-data" .

# The tour's commands, one per line: lines of ```sh blocks in the section, continuation
# lines (ending in \) joined, blank lines and whole-line comments dropped.
tour_commands() {
  awk '/^## / { in_tour = ($0 == "## A short tour"); next }
       in_tour && /^```sh$/ { in_block = 1; next }
       /^```/ { in_block = 0; next }
       in_block' "$ROOT/README.md" |
    sed -e ':a' -e '/\\$/ { N; s/\\\n *//; ba' -e '}' |
    grep -v -e '^ *$' -e '^ *#'
}
mapfile -t commands < <(tour_commands)
OUT="" ERR=""
# Guards against a heading renamed or a fence changed: the tour would silently run nothing.
[ "${#commands[@]}" -ge 20 ] || fail "only ${#commands[@]} commands found in the README's tour"

for cmd in "${commands[@]}"; do
  eval "$cmd" </dev/null >"$TMP/.out" 2>"$TMP/.err"
  RC=$?
  OUT=$(cat "$TMP/.out") ERR=$(cat "$TMP/.err")
  expect_rc 0 "$cmd:"
  # What the tour's comments promise of the sample data.
  case $cmd in
    "refer tag promoters "*) # a table: segment, people
      expect_eq "$(awk 'NR > 1 { printf "%s%s %s", sep, $1, $2; sep = ", " }' "$TMP/.out")" \
        "promoter 20, passive 6, detractor 4, none 30" "$cmd:" ;;
    "refer import referrals sample-data/referrals.csv "*) expect_err_has ": 71 rows: 71 new," "$cmd:" ;;
    "refer submit "*) expect_out "72" "$cmd:" ;;
  esac
done
finish
