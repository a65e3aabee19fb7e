#!/usr/bin/env bash
# refer backup FILE: a copy that reads as the ledger does, 0600, one file, nothing on stdout;
# an existing FILE refused without --force; the ledger and its -wal/-shm/-journal always
# refused; a missing ledger; a locked ledger (exit 3, nothing left); copies taken during an
# import hold the ledger as it was before or after it, never between.
. "$(dirname "$0")/lib.sh"
umask 022

run add ann@acme.com --name 'Ann Acme' --company Acme
run add bob@acme.com --name 'Bob Acme'
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-09-01
run submit --by ann@acme.com --name 'Bo Park' --email bo@initech.com --on 2026-09-02
run advance 1 won --on 2026-10-05 --value 15,000
run advance 2 meeting --on 2026-10-01
run payouts compute
expect_rc 0 "the ledger"
before=$(db_sum)

# The files of the directory, but those of `run`, of the ledger and of the lock below.
files() { ls -A | grep -vx -e .out -e .err | grep -v -e '^refer\.db' -e '^lock\.' | tr '\n' ' '; }
# Hidden files but those of `run`: a temporary left behind.
temporaries() { ls -A | grep '^\.' | grep -vx -e .out -e .err | tr '\n' ' '; }
# size FILE: its size as the summary shows it.
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { if (b < 1024) printf "%d B", b; else if (b < 1048576) printf "%.1f KiB", b / 1024; else printf "%.1f MiB", b / 1048576 }'; }

# --- A copy -------------------------------------------------------------------------------------
run backup copy.db
expect_rc 0 "backup"
expect_out "" "nothing on stdout"
expect_err "backed up 3 people, 2 referrals, 3 payouts to copy.db ($(size copy.db))" "summary"
expect_eq "$(stat -c %a copy.db)" 600 "the copy is 0600 whatever the umask"
expect_eq "$(files)" "copy.db " "no temporary left, no -wal beside the copy"
expect_eq "$(db_sum)" "$before" "the ledger is unchanged"
for what in clients referrals "payouts list"; do
  # shellcheck disable=SC2086 # "payouts list" is two words
  expect_eq "$("$REFER" --db copy.db $what --json)" "$("$REFER" $what --json)" "refer $what --json of the copy"
done
expect_eq "$("$REFER" --db copy.db export events)" "$("$REFER" export events)" "the history of the copy"
expect_eq "$(sqlite3 copy.db 'PRAGMA integrity_check')" ok "the copy is intact"
expect_eq "$(sqlite3 copy.db 'PRAGMA journal_mode')" delete "the copy needs no -wal"
expect_eq "$(files)" "copy.db " "reading the copy leaves no -wal"
run --db copy.db check
expect_rc 0 "refer check of the copy"
run -q backup quiet.db
expect_rc 0 "-q"
expect_err "" "-q: no summary"
mkdir -p sub/dir
run backup sub/dir/copy.db --json
expect_rc 0 "--json"
expect_out "" "--json: still nothing on stdout"
expect_err "backed up 3 people, 2 referrals, 3 payouts to sub/dir/copy.db ($(size sub/dir/copy.db))"
run backup no/such/dir/copy.db
expect_rc 1 "a missing directory"
expect_err "refer: error: no/such/dir/copy.db: cannot write: No such file or directory"

# --- An existing FILE: refused, then replaced with --force ----------------------------------------
echo "old contents" >existing.db
chmod 644 existing.db
run backup existing.db
expect_rc 1 "existing file"
expect_err "refer: error: existing.db: already exists (--force replaces it)"
expect_eq "$(cat existing.db)" "old contents" "the existing file is untouched"
run backup existing.db --force
expect_rc 0 "--force"
expect_err "backed up 3 people, 2 referrals, 3 payouts to existing.db ($(size existing.db))"
expect_eq "$("$REFER" --db existing.db clients --json)" "$("$REFER" clients --json)" "the replaced file is the copy"
expect_eq "$(stat -c %a existing.db)" 600 "the replacement is 0600, not the mode of what it replaced"
ln -s nowhere.db dangling.db
run backup dangling.db
expect_rc 1 "a dangling symlink exists"
expect_err "refer: error: dangling.db: already exists (--force replaces it)"
echo "a database in use" >used.db
echo "its log" >used.db-wal
run backup used.db --force
expect_rc 1 "a database with a -wal beside it"
expect_err "refer: error: used.db: refusing to replace a database in use (used.db-wal is beside it)"
expect_eq "$(cat used.db)" "a database in use" "the database in use is untouched"
rm used.db used.db-wal dangling.db

# --- The ledger, by any name, --force or not ----------------------------------------------------
refused() {
  local context=$1 file=$2; shift 2
  local existed=no
  [ -e "$file" ] && existed=yes
  run backup "$file" "$@"
  expect_rc 1 "$context"
  expect_err "refer: error: $file: refusing to write over the ledger" "$context"
  expect_eq "$(db_sum)" "$before" "$context: the ledger is unchanged"
  [ "$existed" = no ] && [ -e "$file" ] && fail "$context: $file was created"
  expect_eq "$(temporaries)" "" "$context: no temporary left"
}
refused "the ledger" refer.db
refused "the ledger with --force" refer.db --force
refused "the ledger by its absolute path" "$TMP/refer.db" --force
refused "the -wal" refer.db-wal --force
refused "the -shm" refer.db-shm --force
refused "the -journal" refer.db-journal --force
ln -s refer.db link.db
refused "a symlink to the ledger" link.db --force
rm link.db

# --- No ledger, not a ledger --------------------------------------------------------------------
run --db missing.db backup fresh.db
expect_rc 1 "a missing ledger"
expect_err "refer: error: no database at missing.db (import or add people first, or pass --db)"
[ -e missing.db ] && fail "a backup creates no ledger"
[ -e fresh.db ] && fail "nothing at FILE without a ledger"
echo "not sqlite" >junk.db
run --db junk.db backup fresh.db
expect_rc 4 "not a refer database"
[ -e fresh.db ] && fail "nothing at FILE from a file that is not a ledger"
rm junk.db
run backup
expect_rc 2 "no FILE"

# --- Locked past the busy timeout: exit 3, nothing at FILE --------------------------------------
# A writer that left WAL for a rollback journal (as a bulk import does when nobody else has the
# ledger open) locks readers out while it commits; this one holds that lock.
fifo="$TMP/lock.fifo"
mkfifo "$fifo"
sqlite3 "$REFER_DB" <"$fifo" >"$TMP/lock.out" 2>&1 &
holder=$!
exec 7>"$fifo"
cleanup_lock() { { exec 7>&-; } 2>/dev/null; wait "$holder" 2>/dev/null; }
trap 'cleanup_lock; rm -rf "$TMP"' EXIT
echo ".timeout 5000
PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE; DELETE FROM tags;
.shell touch lock.ready" >&7
for _ in $(seq 1 200); do [ -e lock.ready ] && break; sleep 0.05; done
[ -e lock.ready ] || fail "could not lock the ledger: $(cat "$TMP/lock.out")"
sqlite3 "$REFER_DB" "SELECT count(*) FROM clients" >/dev/null 2>&1 && fail "the holder does not lock readers out"
REFER_BUSY_TIMEOUT_MS=200 run backup locked.db
expect_rc 3 "a locked ledger"
expect_err "refer: error: the database is locked by another process; try again"
[ -e locked.db ] && fail "nothing at FILE when the ledger is locked"
expect_eq "$(files)" "copy.db existing.db quiet.db sub " "nothing left when locked"
expect_eq "$(temporaries)" "" "no temporary left when locked"
echo "ROLLBACK;" >&7
cleanup_lock
trap 'rm -rf "$TMP"' EXIT
run backup locked.db
expect_rc 0 "the retry once the lock is gone"
rm locked.db

# --- Copies during an import --------------------------------------------------------------------
# check_copy FILE CONTEXT TABLE: checks that the copy is intact, one file, and opens as a refer
# ledger; sets ROWS to its number of rows in TABLE.
check_copy() {
  local file=$1 context=$2 table=$3
  expect_eq "$(sqlite3 "$file" 'PRAGMA integrity_check')" ok "$context: integrity"
  expect_eq "$(sqlite3 "$file" 'PRAGMA journal_mode')" delete "$context: journal mode"
  "$REFER" --db "$file" show ann@acme.com >/dev/null 2>"$TMP/show.err" ||
    fail "$context: refer cannot read the copy: $(cat "$TMP/show.err")"
  [ -e "$file-wal" ] && fail "$context: a -wal beside the copy"
  ROWS=$(sqlite3 "$file" "SELECT count(*) FROM $table")
}
run add paused@acme.com
referrals_before=$(sql "SELECT count(*) FROM referrals")

# 1. An import paused halfway, inside its transaction (its input is a pipe that stops): every
# copy taken then holds the ledger as it was before the import. A referral import, which
# writes as it reads (a people import reads a pipe to its end before writing).
{
  echo "referrer_email,referee_email,submitted_on"
  awk 'BEGIN { for (i = 1; i <= 30000; i++) printf "paused@acme.com,half%d@example.com,2026-11-01\n", i }'
  touch half-written
  for _ in $(seq 1 1200); do [ -e go ] && break; sleep 0.05; done
  [ -e go ] || touch gave-up
  awk 'BEGIN { for (i = 30001; i <= 60000; i++) printf "paused@acme.com,half%d@example.com,2026-11-01\n", i }'
} | "$REFER" import referrals - -q >import1.out 2>import1.err &
importer=$!
writing=no
for _ in $(seq 1 1200); do
  if [ -e half-written ] && ! sqlite3 "$REFER_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then writing=yes; break; fi
  sleep 0.05
done
[ "$writing" = yes ] || fail "the import did not start writing: $(cat import1.err)"
[ -e gave-up ] && fail "the import started writing only once its input ended: nothing was paused"
for i in 1 2 3; do
  run backup "paused$i.db"
  expect_rc 0 "copy $i during the paused import"
  check_copy "paused$i.db" "copy $i during the paused import" referrals
  expect_eq "$ROWS" "$referrals_before" "copy $i during the paused import holds the ledger before it"
done
touch go
during=0
while kill -0 "$importer" 2>/dev/null; do
  during=$((during + 1))
  "$REFER" backup "during$during.db" -q 2>"$TMP/backup.err" || fail "copy $during while the import commits: $(cat "$TMP/backup.err")"
  sleep 0.1 # back to back, the copies slow the import down and there are hundreds to check
done
wait "$importer" || fail "the paused import: $(cat import1.err)"
referrals_after=$(sql "SELECT count(*) FROM referrals")
expect_eq "$referrals_after" "$((referrals_before + 60000))" "the paused import imported every referral"
for i in $(seq 1 "$during"); do
  check_copy "during$i.db" "copy $i while the import commits" referrals
  [ "$ROWS" = "$referrals_before" ] || [ "$ROWS" = "$referrals_after" ] ||
    fail "copy $i while the import commits holds $ROWS referrals: neither $referrals_before nor $referrals_after"
done
rm -f paused*.db during*.db

# 2. A big file, as `refer import clients big.csv` reads it (indexes dropped and rebuilt inside
# its transaction): copies in a loop until it is done, each before or after it.
people_before=$(sql "SELECT count(*) FROM clients")
awk 'BEGIN { print "email,name,company,industry"
             for (i = 1; i <= 200000; i++) printf "big%d@example.com,Big Person %d,Company %d,Industry %d\n", i, i, i % 997, i % 13 }' >big.csv
"$REFER" import clients big.csv -q >import2.out 2>import2.err &
importer=$!
copies=0
while kill -0 "$importer" 2>/dev/null; do
  copies=$((copies + 1))
  "$REFER" backup "big$copies.db" -q 2>"$TMP/backup.err" || fail "copy $copies during the import: $(cat "$TMP/backup.err")"
done
wait "$importer" || fail "the big import: $(cat import2.err)"
echo "$during copies while the paused import committed, $copies during the big import"
people_after=$(sql "SELECT count(*) FROM clients")
expect_eq "$people_after" "$((people_before + 200000))" "the big import imported everyone"
run backup after.db
expect_rc 0 "a copy after the import"
check_copy after.db "the copy after the import" clients
expect_eq "$ROWS" "$people_after" "the copy after the import holds it"
for i in $(seq 1 "$copies"); do
  check_copy "big$i.db" "copy $i during the big import" clients
  [ "$ROWS" = "$people_before" ] || [ "$ROWS" = "$people_after" ] ||
    fail "copy $i during the big import holds $ROWS people: neither $people_before nor $people_after"
done

finish
