#!/usr/bin/env bash
# Global options before or after the subcommand; where the database lives; file modes;
# a read-only command on a missing database creates nothing.
. "$(dirname "$0")/lib.sh"

# A read-only command on a missing database: exit 1, nothing created.
run clients
expect_rc 1 "clients on a missing db"
expect_err "refer: error: no database at $TMP/refer.db (import or add people first, or pass --db)"
expect_out ""
[ ! -e "$REFER_DB" ] || fail "a read-only command created the database"
run --db "$TMP/sub/dir/x.db" clients --json
expect_rc 1 "clients --json on a missing --db"
[ ! -e "$TMP/sub" ] || fail "a read-only command created the directory"
run export clients
expect_rc 1 "export on a missing db"
[ ! -e "$REFER_DB" ] || fail "export created the database"

# Created on first write, mode 0600; parent dirs 0700.
run --db "$TMP/new/deeper/ledger.db" add ann@example.com --name Ann
expect_rc 0 "add creates the database"
expect_err "added ann@example.com"
expect_eq "$(stat -c %a "$TMP/new/deeper/ledger.db")" 600 "db file mode"
expect_eq "$(stat -c %a "$TMP/new")" 700 "parent dir mode"
expect_eq "$(stat -c %a "$TMP/new/deeper")" 700 "parent dir mode"
expect_eq "$(sqlite3 "$TMP/new/deeper/ledger.db" 'select email from clients')" ann@example.com

# Global options before or after the subcommand, same output.
run add bob@example.com --name Bob --company "Bob & Co"
expect_rc 0
expected='[
  {
    "email": "bob@example.com",
    "name": "Bob",
    "company": "Bob & Co",
    "industry": null,
    "kind": "client",
    "annual_value_cents": null,
    "started_on": null,
    "ended_on": null,
    "source": null,
    "referred_by": null,
    "tags": [],
    "external_id": null,
    "opened_on": null
  }
]'
run --json clients
expect_rc 0 "--json before"
expect_out "$expected" "--json before"
run clients --json
expect_rc 0 "--json after"
expect_out "$expected" "--json after"
run --format csv clients
expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
bob@example.com,Bob,Bob & Co,,client,,,,,,,," "--format before"
csv_before=$OUT
run clients --format csv
expect_out "$csv_before" "--format after"
run clients --format=csv
expect_out "$csv_before" "--format=csv after"
run --db "$TMP/new/deeper/ledger.db" --format csv clients
expect_out_has "ann@example.com,Ann," "--db before"
run clients --db "$TMP/new/deeper/ledger.db" --format csv
expect_out_has "ann@example.com,Ann," "--db after"
run export clients --db "$TMP/new/deeper/ledger.db"
expect_out_has "ann@example.com,Ann," "--db after export"
run clients --today 2026-01-01 --quiet --no-color
expect_rc 0 "flags after the subcommand"

# --db wins over $REFER_DB.
run --db "$TMP/new/deeper/ledger.db" clients --format csv
expect_eq "$(echo "$OUT" | tail -1 | cut -d, -f1)" ann@example.com "--db over REFER_DB"

# $REFER_DB unset: $XDG_DATA_HOME/refer/refer.db, else ~/.local/share/refer/refer.db.
(
  unset REFER_DB
  export HOME="$TMP/home" XDG_DATA_HOME="$TMP/xdg"
  mkdir -p "$HOME"
  "$REFER" add xdg@example.com 2>/dev/null || echo "add with XDG_DATA_HOME failed"
)
[ -f "$TMP/xdg/refer/refer.db" ] || fail "no database at \$XDG_DATA_HOME/refer/refer.db"
expect_eq "$(stat -c %a "$TMP/xdg/refer")" 700 "xdg refer dir mode"
expect_eq "$(stat -c %a "$TMP/xdg/refer/refer.db")" 600 "xdg db mode"
expect_eq "$(sqlite3 "$TMP/xdg/refer/refer.db" 'select email from clients')" xdg@example.com
[ ! -e "$TMP/home/.local" ] || fail "XDG_DATA_HOME set, but ~/.local was used"
(
  unset REFER_DB XDG_DATA_HOME
  export HOME="$TMP/home"
  "$REFER" add home@example.com 2>/dev/null || echo "add with HOME failed"
)
[ -f "$TMP/home/.local/share/refer/refer.db" ] || fail "no database at ~/.local/share/refer/refer.db"
expect_eq "$(stat -c %a "$TMP/home/.local/share/refer/refer.db")" 600 "home db mode"
expect_eq "$(stat -c %a "$TMP/home/.local/share/refer")" 700 "home refer dir mode"
expect_eq "$(sqlite3 "$TMP/home/.local/share/refer/refer.db" 'select email from clients')" home@example.com
# An empty REFER_DB counts as unset.
(
  export REFER_DB="" HOME="$TMP/home2"
  unset XDG_DATA_HOME
  "$REFER" clients >/dev/null 2>&1
  echo "rc=$?"
) > "$TMP/.sub"
expect_eq "$(cat "$TMP/.sub")" "rc=1" "read on a missing default db"
[ ! -e "$TMP/home2" ] || fail "a read-only command created the default directory"

# Counts (--top, --limit) say what is wrong with a bad one, in words.
run report --top -1
expect_rc 2 "--top -1"
expect_err 'refer: error: --top: "-1" is not a count (0, 1, 2 ...)'
run nudge --limit x
expect_rc 2 "--limit x"
expect_err 'refer: error: --limit: "x" is not a count (0, 1, 2 ...)'
run nudge --limit 10000000000
expect_rc 2 "--limit too big"
expect_err 'refer: error: --limit: 10000000000 is too many (at most 999999999)'

finish
