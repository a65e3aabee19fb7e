#!/usr/bin/env bash
# --today / $REFER_TODAY, --format, --json, --quiet, colour, --version, --help.
. "$(dirname "$0")/lib.sh"

# --today and $REFER_TODAY date the events a command records.
run add a@example.com --today 2025-03-04
expect_rc 0
expect_eq "$(sql "select distinct on_date from events where entity_id = (select id from clients where email = 'a@example.com')")" 2025-03-04 "--today"
REFER_TODAY=2024-12-31 run add b@example.com
expect_rc 0
expect_eq "$(sql "select distinct on_date from events where entity_id = (select id from clients where email = 'b@example.com')")" 2024-12-31 "REFER_TODAY"
REFER_TODAY=2024-12-31 run --today 2025-01-15 add c@example.com
expect_eq "$(sql "select distinct on_date from events where entity_id = (select id from clients where email = 'c@example.com')")" 2025-01-15 "--today over REFER_TODAY"
# Timestamps are ISO 8601 UTC.
at=$(sql "select at from events where entity_id = (select id from clients where email = 'c@example.com') limit 1")
[[ "$at" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] || fail "event timestamp not ISO 8601 UTC: $at"

before=$(db_sum)
run add d@example.com --today 2025-13-01
expect_rc 2 "bad --today"
expect_err_has "refer: error: "
expect_err_has "2025-13-01"
run --today yesterday clients
expect_rc 2 "bad --today before the command"
expect_err_has "refer: error: "
REFER_TODAY=not-a-date run add d@example.com
expect_rc 2 "bad REFER_TODAY"
expect_err 'refer: error: REFER_TODAY: "not-a-date" is not a date (YYYY-MM-DD)'
expect_eq "$(db_sum)" "$before" "refused commands change nothing"
expect_eq "$(sql "select count(*) from clients where email = 'd@example.com'")" 0

# --format: unknown formats are usage errors; csv and json.
run clients --format xml
expect_rc 2 "unknown format"
expect_err_has "refer: error: "
expect_out ""
run --format yaml clients
expect_rc 2 "unknown format before the command"
expect_err_has "refer: error: "
run clients --format CSV
expect_rc 0 "format names ignore case"
expect_eq "$(echo "$OUT" | head -1 | cut -d, -f1)" email
run clients --format json
expect_rc 0
json_format=$OUT
run clients --json
expect_eq "$OUT" "$json_format" "--json is --format json"
expect_eq "$(echo "$OUT" | head -1)" "[" "json is one array"
run clients --format table
expect_rc 0
expect_out "email          name  company  kind    annual_value  started_on  tags
a@example.com                 client
b@example.com                 client
c@example.com                 client" "table"

# -q/--quiet: no summary on stderr.
run add e@example.com
expect_err "added e@example.com"
run add f@example.com -q
expect_rc 0
expect_err "" "-q"
run --quiet add g@example.com
expect_rc 0
expect_err "" "--quiet"
run export clients --output "$TMP/x.csv"
expect_err "$TMP/x.csv: 6 clients"
run export clients --output "$TMP/x.csv" --quiet
expect_err "" "export --quiet"
# Errors are printed even with --quiet.
run add g@example.com --quiet
expect_rc 1
expect_err "refer: error: g@example.com is already in the ledger (refer show g@example.com)"

# Colour: never when stdout is not a terminal, whatever NO_COLOR says.
for args in "clients" "clients --no-color" "--help" "clients --json"; do
  (unset NO_COLOR; "$REFER" $args >"$TMP/.piped" 2>&1)
  grep -q $'\033' "$TMP/.piped" && fail "ESC bytes on a pipe: refer $args"
done
# With a terminal (script(1) gives one): colour unless --no-color or NO_COLOR.
if command -v script >/dev/null; then
  tty_run() { script -qec "$1" /dev/null </dev/null | tr -d '\r'; }
  out=$(unset NO_COLOR; tty_run "'$REFER' clients")
  [[ "$out" == *$'\033['* ]] || fail "no colour on a terminal: $out"
  [[ "$out" == *"a@example.com"* ]] || fail "no data on a terminal: $out"
  out=$(unset NO_COLOR; tty_run "'$REFER' clients --no-color")
  [[ "$out" == *$'\033'* ]] && fail "colour despite --no-color"
  out=$(unset NO_COLOR; tty_run "'$REFER' --no-color clients")
  [[ "$out" == *$'\033'* ]] && fail "colour despite --no-color before the command"
  out=$(NO_COLOR=1 tty_run "'$REFER' clients")
  [[ "$out" == *$'\033'* ]] && fail "colour despite NO_COLOR"
  out=$(unset NO_COLOR; tty_run "'$REFER' clients --format csv")
  [[ "$out" == *$'\033'* ]] && fail "colour in csv on a terminal"
  out=$(unset NO_COLOR; tty_run "'$REFER' clients --json")
  [[ "$out" == *$'\033'* ]] && fail "colour in json on a terminal"
fi

# --version and --help.
run --version
expect_rc 0
[[ "$OUT" =~ ^refer\ [0-9]+\.[0-9]+ ]] || fail "--version: $OUT"
run --help
expect_rc 0
expect_out_has "Usage:"
expect_out_has "--db"
expect_out_has "--today"
expect_out_has "--format"
expect_out_has "--json"
expect_out_has "--quiet"
expect_out_has "--no-color"
run -h
expect_rc 0
expect_out_has "--no-color"
run
expect_rc 2 "no command"
expect_out "" "no command"
expect_err_has "usage: refer " "no command: the command list (tests/cli/help.sh)"

# Every subcommand's --help shows an example and exits 0.
commands=$("$REFER" --help | awk '/^Subcommands:/{s=1; next} s && /^  [a-z]/{print $1}')
[ -n "$commands" ] || fail "no subcommands listed in --help"
for cmd in $commands; do
  run $cmd --help
  expect_rc 0 "$cmd --help"
  expect_out_has "Example: refer $cmd" "$cmd --help"
  sub=$(echo "$OUT" | awk '/^Subcommands:/{s=1; next} s && /^  [a-z]/{print $1}')
  for s in $sub; do
    run $cmd $s --help
    expect_rc 0 "$cmd $s --help"
    expect_out_has "Example: refer $cmd $s" "$cmd $s --help"
  done
done
for cmd in add clients show export import; do
  [[ $'\n'"$commands"$'\n' == *$'\n'"$cmd"$'\n'* ]] || fail "--help does not list $cmd"
done

finish
