#!/usr/bin/env bash
# The ledger against other processes, kills, read-only places and awkward input (issue 11,
# item 1): writers wait the busy timeout while a bulk import holds the ledger; WAL mode comes
# back after a killed bulk import with the next command of any kind; a killed first import
# leaves no ledger that looks real; a ledger in a read-only directory is read, and a write says
# why not; CR-only files keep their line numbers and rejected rows; a huge field is refused
# in little memory.
. "$(dirname "$0")/lib.sh"
sql() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$REFER_DB" "$1"; }

"$REFER" add ann@x.com --name Ann -q
"$REFER" add bo@x.com --name Bo -q

# 1. A bulk import holds the ledger in rollback-journal mode for its transaction: a write waits
# for it (up to REFER_BUSY_TIMEOUT_MS) instead of failing at once when it switches back to WAL.
hold_ledger "PRAGMA journal_mode = DELETE; BEGIN IMMEDIATE; UPDATE clients SET name = name;" "BEGIN IMMEDIATE; ROLLBACK;"
( sleep 1.5; echo "COMMIT;" >&7 ) & # the import ends
releaser=$!
start=$(date +%s%N)
REFER_BUSY_TIMEOUT_MS=20000 run add cy@x.com --name Cy
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$releaser"
release_ledger ";"
expect_rc 0 "a write during a bulk import waits for it"
expect_err "added cy@x.com"
[ "$elapsed_ms" -ge 1000 ] || fail "the write waited ${elapsed_ms} ms, not until the import ended"
expect_eq "$(sql "SELECT name FROM clients WHERE email = 'cy@x.com'")" "Cy" "the waiting write is in the ledger"
expect_eq "$(sql 'PRAGMA journal_mode')" "wal" "the write brought WAL back"

# ... and gives up with exit 3 after the timeout when the import goes on.
hold_ledger "PRAGMA journal_mode = DELETE; BEGIN IMMEDIATE; UPDATE clients SET name = name;" "BEGIN IMMEDIATE; ROLLBACK;"
before=$(db_sum)
start=$(date +%s%N)
REFER_BUSY_TIMEOUT_MS=700 run add di@x.com --name Di
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
release_ledger ROLLBACK
expect_rc 3 "a write that outwaits the busy timeout"
expect_err "refer: error: the database is locked by another process; try again"
[ "$elapsed_ms" -ge 600 ] || fail "gave up after ${elapsed_ms} ms, before the 700 ms timeout"
expect_eq "$(sql "SELECT count(*) FROM clients WHERE email = 'di@x.com'")" 0 "nothing written by the refused write"

# 2. A bulk import killed midway: a hot rollback journal, the ledger out of WAL mode. The next
# command, a read, rolls the journal back and brings WAL back.
sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
want=$(sql 'SELECT group_concat(email) FROM clients ORDER BY id')
mkfifo killme.fifo
sqlite3 "$REFER_DB" <killme.fifo >/dev/null 2>&1 &
killme=$!
exec 8>killme.fifo
printf '%s\n' "PRAGMA journal_mode = DELETE;" "PRAGMA cache_size = 1;" "BEGIN IMMEDIATE;" \
  "UPDATE clients SET name = 'half written';" \
  "CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, hex(randomblob(100)) AS b FROM n;" \
  "SELECT 'ready';" >&8
for _ in $(seq 1 200); do [ -s "$REFER_DB-journal" ] && break; sleep 0.05; done
sleep 0.3
kill -9 "$killme"; wait "$killme" 2>/dev/null; exec 8>&-
[ -e "$REFER_DB-journal" ] || fail "setup: no hot journal left by the killed writer"
run clients --format csv
expect_rc 0 "a read after the killed bulk import"
expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
ann@x.com,Ann,,,client,,,,,,,,
bo@x.com,Bo,,,client,,,,,,,,
cy@x.com,Cy,,,client,,,,,,,," "the read sees the ledger as it was"
expect_eq "$(sqlite3 "$REFER_DB" 'PRAGMA journal_mode')" "wal" "the read brought WAL back"
expect_eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE name = 'filler'")" 0 "the killed transaction is gone"
expect_eq "$(sql 'PRAGMA integrity_check')" "ok" "integrity after the kill"

# 3. A first import killed midway (its input a pipe that stops half way): no ledger that read
# commands take for a real, empty one.
export REFER_DB="$TMP/first.db"
mkfifo first.fifo
# More than one 64 KiB block, so that the import reads its header, opens the ledger, takes in
# rows and then waits for the rest.
( printf 'email,name\n'; for i in $(seq 1 4000); do printf 'p%d@x.com,Person %d\n' "$i" "$i"; done; exec sleep 30 ) >first.fifo 2>/dev/null &
feeder=$!
"$REFER" import clients first.fifo -q &
importer=$!
for _ in $(seq 1 40); do [ -e "$REFER_DB" ] && break; sleep 0.05; done
sleep 0.5
kill -9 "$importer"; wait "$importer" 2>/dev/null
kill "$feeder" 2>/dev/null; wait "$feeder" 2>/dev/null
# A people import copies a pipe to a temporary file before it opens the ledger: killed while
# copying, it leaves no ledger at all; killed later, an empty one. Either is said as such.
if [ -e "$REFER_DB" ]; then
  nothing="refer: error: $REFER_DB: the database is empty; import or add people first"
else
  nothing="refer: error: no database at $REFER_DB (import or add people first, or pass --db)"
fi
run clients --json
expect_rc 1 "a read after a killed first import"
expect_out ""
expect_err "$nothing"
run referrals
expect_rc 1 "another read after a killed first import"
run tag add a@x.com vip
expect_rc 1 "a write about people after a killed first import"
expect_err "$nothing"
printf 'email,name\na@x.com,A\n' >first.csv
run import clients first.csv
expect_rc 0 "the import run again"
run clients --format csv
expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
a@x.com,A,,,client,,,,,,,,"
# A first write that fails leaves no initialised ledger either.
export REFER_DB="$TMP/second.db"
run submit --by nobody@x.com --name N --email n@y.com
expect_rc 1 "a first submit with an unknown referrer"
run clients --json
expect_rc 1 "no ledger after a failed first write"
expect_err "refer: error: $REFER_DB: the database is empty; import or add people first"
export REFER_DB="$TMP/refer.db"

# 4. A ledger in a directory this user cannot write: reads work, a write says why it fails and
# changes nothing. (Root writes anywhere: as root, refer runs as nobody.)
as_reader=()
[ "$(id -u)" -ne 0 ] || as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
  mkdir ro
  REFER_DB="$TMP/ro/refer.db" "$REFER" add ro@x.com --name Ro -q
  chmod 755 "$TMP" ro
  chmod 666 ro/refer.db # the file is writable, its directory is not
  rm -f ro/refer.db-wal ro/refer.db-shm
  chmod 555 ro
  before=$(sha256sum ro/refer.db)
  ro_run() { "${as_reader[@]}" env REFER_DB="$TMP/ro/refer.db" "$REFER" "$@" >"$TMP/.out" 2>"$TMP/.err"; RC=$?; OUT=$(cat "$TMP/.out"); ERR=$(cat "$TMP/.err"); }
  ro_run clients --format csv
  expect_rc 0 "a read in a read-only directory"
  expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
ro@x.com,Ro,,,client,,,,,,,,"
  expect_err ""
  ro_run add new@x.com --name New
  expect_rc 1 "a write in a read-only directory"
  expect_err "refer: error: $TMP/ro/refer.db: the ledger cannot be written: its directory $TMP/ro is not writable: Permission denied (SQLite keeps its journal beside the ledger; read commands still work)"
  chmod 777 ro
  chmod 444 ro/refer.db # the directory is writable, the file is not
  ro_run tag add ro@x.com vip
  expect_rc 1 "a write to a read-only ledger file"
  expect_err "refer: error: $TMP/ro/refer.db: the ledger cannot be written: Permission denied (read commands still work)"
  expect_eq "$(sha256sum ro/refer.db)" "$before" "the read-only ledger is unchanged"
  chmod 700 "$TMP"
else
  echo "note: root without setpriv: the read-only directory is not exercised" >&2
fi

# 5. CR-only line ends (old Mac exports): the right line numbers, and --skip-invalid keeps the
# rejected rows, each on its own line.
printf 'email,name\rok@x.com,A\rbad@,B\rok2@x.com,C\r' >cr.csv
run import clients cr.csv --skip-invalid
expect_rc 0 "CR-only file with --skip-invalid"
expect_err "refer: error: cr.csv:3: invalid email \"bad@\" in column \"email\"
cr.csv: 3 rows: 2 new, 0 updated, 0 unchanged, 1 rejected (T s)"
expect_eq "$(cat cr.csv.rejects.csv)" "email,name,error
bad@,B,"'"invalid email ""bad@"" in column ""email"""'
expect_eq "$(sql "SELECT group_concat(email, ' ') FROM (SELECT email FROM clients WHERE email LIKE 'ok%' ORDER BY email)")" "ok2@x.com ok@x.com" "the valid rows"

# 6. A 40 MB field is refused with its line, in little memory (it took 400 MB).
{ printf 'email,name\na@x.com,A\nb@x.com,'; head -c 40000000 /dev/zero | tr '\0' x; printf '\n'; } >huge.csv
before=$(db_sum)
/usr/bin/time -f '%M' -o rss.txt "$REFER" import clients huge.csv >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "a 40 MB field"
expect_err "refer: error: huge.csv:3: a record of more than 1 MiB (refer reads records up to that size: is a quote left open?)"
rss=$(tail -n 1 rss.txt)
# Under AddressSanitizer (the sanitizer tree: SANITIZED=1 from CMake) shadow memory and quarantine
# add ~80 MB of their own.
limit=60000
if [ "${SANITIZED:-0}" = 1 ]; then limit=200000; fi
[ "$rss" -lt "$limit" ] || fail "a 40 MB field took $rss KiB of memory (at most $limit)"
expect_eq "$(db_sum)" "$before" "the refused huge file changes nothing"

# 7. UTF-16 with a byte-order mark still imports, pairs and all.
printf '\xff\xfee\0m\0a\0i\0l\0,\0n\0a\0m\0e\0\r\0\n\0u\0@\0x\0.\0c\0o\0m\0,\0=\xd8\x3f\xde\r\0\n\0' >u16.csv
run import clients u16.csv
expect_rc 0 "UTF-16 with a surrogate pair"
expect_eq "$(sql "SELECT name FROM clients WHERE email = 'u@x.com'")" "$(printf '\xf0\x9f\x98\xbf')" "the pair decoded"
finish
