#!/usr/bin/env bash
# Exit statuses of SPEC 2: usage 2, locked 3, not a refer database 4.
. "$(dirname "$0")/lib.sh"

run add a@example.com --name A
expect_rc 0
before=$(db_sum)

# 2: unknown command, unknown option, malformed values, CLI11 parse errors.
run frobnicate
expect_rc 2 "unknown command"
expect_err_has "refer: error: "
run clients --frobnicate
expect_rc 2 "unknown option"
expect_err_has "refer: error: "
run --frobnicate clients
expect_rc 2 "unknown global option"
expect_err_has "refer: error: "
run add b@example.com --started-on 2025-02-30
expect_rc 2 "bad --started-on"
expect_err_has "refer: error: "
expect_err_has "2025-02-30"
run add b@example.com --started-on 03/04/2025
expect_rc 2 "non-ISO --started-on"
run add b@example.com --annual-value 12abc
expect_rc 2 "bad money"
expect_err_has "refer: error: "
run add b@example.com --kind martian
expect_rc 2 "unknown kind"
run clients --format xml
expect_rc 2 "unknown --format"
expect_err_has "refer: error: "
run add
expect_rc 2 "missing argument"
expect_err_has "refer: error: "
run add b@example.com --name
expect_rc 2 "option without its value"
expect_err_has "refer: error: "
run add b@example.com extra-argument
expect_rc 2 "extra argument"
expect_err_has "refer: error: "
run export
expect_rc 2 "export without WHAT"
run export people
expect_rc 2 "export of an unknown table"
expect_eq "$(db_sum)" "$before" "usage errors change nothing"
# Every error line carries the prefix, one line.
run clients --frobnicate
expect_eq "$(echo "$ERR" | grep -vc '^refer: error: ')" 0 "every stderr line is an error line"

# 4: not SQLite.
printf 'name,email\nann,ann@example.com\n' > "$TMP/plain.csv"
cp "$TMP/plain.csv" "$TMP/plain.orig"
run --db "$TMP/plain.csv" clients
expect_rc 4 "not sqlite, read"
expect_err_has "refer: error: "
expect_err_has "not a refer database"
run --db "$TMP/plain.csv" add b@example.com
expect_rc 4 "not sqlite, write"
cmp -s "$TMP/plain.csv" "$TMP/plain.orig" || fail "a non-SQLite file was changed"

# 4: SQLite with other tables, read and write; the file is left alone.
sqlite3 "$TMP/other.db" "create table stuff (x); insert into stuff values (1);"
other=$(sha256sum "$TMP/other.db")
run --db "$TMP/other.db" clients
expect_rc 4 "foreign sqlite, read"
expect_err "refer: error: $TMP/other.db: not a refer database"
run --db "$TMP/other.db" add b@example.com
expect_rc 4 "foreign sqlite, write"
expect_err "refer: error: $TMP/other.db: not a refer database"
expect_eq "$(sha256sum "$TMP/other.db")" "$other" "foreign database unchanged"
expect_eq "$(sqlite3 "$TMP/other.db" "select group_concat(name) from sqlite_schema")" stuff

# 4: a refer database from a newer refer.
cp "$REFER_DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
newer=$(sha256sum "$TMP/newer.db")
run --db "$TMP/newer.db" clients
expect_rc 4 "newer schema, read"
expect_err_has "refer: error: "
expect_err_has "newer refer"
run --db "$TMP/newer.db" add b@example.com
expect_rc 4 "newer schema, write"
expect_err_has "newer refer"
expect_eq "$(sqlite3 "$TMP/newer.db" 'pragma user_version')" 99
expect_eq "$(sqlite3 "$TMP/newer.db" "select count(*) from clients where email = 'b@example.com'")" 0

# 4: a corrupt file with an SQLite header.
head -c 4096 "$REFER_DB" > "$TMP/corrupt.db"
head -c 20000 /dev/urandom >> "$TMP/corrupt.db"
run --db "$TMP/corrupt.db" clients
[ "$RC" -eq 4 ] || [ "$RC" -eq 1 ] || fail "corrupt file: expected 4, got $RC"
expect_err_has "refer: error: "

# An empty file is an empty database: a write makes it a refer database.
: > "$TMP/empty.db"
run --db "$TMP/empty.db" add b@example.com
expect_rc 0 "empty file"
expect_eq "$(sqlite3 "$TMP/empty.db" "select email from clients")" b@example.com

# 3: locked by another process beyond the busy timeout; safe to retry.
export REFER_BUSY_TIMEOUT_MS=200
# Held once sqlite3's own BEGIN IMMEDIATE fails at once.
hold_ledger "BEGIN IMMEDIATE; INSERT INTO clients (email, kind, created_at, updated_at) VALUES ('held@example.com', 'client', 'x', 'x');" \
  "BEGIN IMMEDIATE; ROLLBACK;"
start=$(date +%s%N)
run add c@example.com
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc 3 "locked database"
expect_err "refer: error: the database is locked by another process; try again"
[ "$elapsed" -ge 150 ] || fail "gave up after ${elapsed} ms, before the busy timeout"
[ "$elapsed" -lt 4000 ] || fail "waited ${elapsed} ms for a 200 ms busy timeout"
# Reading while another process writes works (WAL).
run clients --format csv
expect_rc 0 "read during a write lock"
expect_out_has "a@example.com"
# Release the lock: the holder commits and exits; the retry succeeds.
release_ledger COMMIT
run add c@example.com
expect_rc 0 "retry after the lock is gone"
expect_eq "$(sql "select count(*) from clients where email in ('c@example.com', 'held@example.com')")" 2
# A mistyped subcommand of a group names the word and the group.
run import people clients.csv
expect_rc 2 "import people"
expect_err 'refer: error: unknown command "people" (see refer import --help)'

finish
