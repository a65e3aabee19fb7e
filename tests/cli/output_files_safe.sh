#!/usr/bin/env bash
# Files refer writes (export --output, the rejects file of an import) never replace the ledger,
# its -wal, -shm or -journal, or the file being imported: refused with exit 1 before anything
# is written, the ledger byte for byte as it was. And they appear whole or not at all: a write
# that fails leaves the old file and no temporary behind.
. "$(dirname "$0")/lib.sh"

printf 'email,name\nann@acme.com,Ann\nbob@,Bob\n' >in.csv
printf 'Email,Score,Date\nzed@example.com,10,2026-11-01\nnobody@example.com,3,2026-11-02\n' >nps.csv
run add zed@example.com --name Zed
expect_rc 0 "add"
before=$(db_sum)
input_sum=$(sha256sum in.csv)

# The files of the directory, but those of `run`.
files() { ls -A | grep -vx -e .out -e .err | tr '\n' ' '; }

# refused CONTEXT MESSAGE ARGS...: refer ARGS exits 1 with exactly MESSAGE, the ledger and the
# input unchanged, and the ledger still works.
refused() {
  local context=$1 message=$2; shift 2
  run "$@"
  expect_rc 1 "$context"
  expect_err "refer: error: $message" "$context"
  expect_eq "$(db_sum)" "$before" "$context: the ledger is unchanged"
  expect_eq "$(sha256sum in.csv)" "$input_sum" "$context: the input is unchanged"
  run clients --format csv
  expect_rc 0 "$context: the ledger still works"
  expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
zed@example.com,Zed,,,client,,,,,,,," "$context: the ledger still holds its people"
}

# --- The ledger itself, by any name --------------------------------------------------------------
refused "--rejects the ledger" "$REFER_DB: refusing to write over the ledger" \
  import clients in.csv --skip-invalid --rejects "$REFER_DB"
refused "--rejects the ledger, relative" "refer.db: refusing to write over the ledger" \
  import clients in.csv --skip-invalid --rejects refer.db
ln -s refer.db link.db
refused "--rejects a symlink to the ledger" "link.db: refusing to write over the ledger" \
  import clients in.csv --skip-invalid --rejects link.db
[ -L link.db ] || fail "the symlink is left alone"
refused "export --output the ledger" "refer.db: refusing to write over the ledger" export clients --output refer.db
refused "export -o a symlink to the ledger" "link.db: refusing to write over the ledger" export nps -o link.db
refused "--rejects the ledger of tag promoters --nps" "refer.db: refusing to write over the ledger" \
  tag promoters --nps nps.csv --skip-invalid --rejects refer.db
refused "--rejects the ledger of import referrals" "./refer.db: refusing to write over the ledger" \
  import referrals in.csv --skip-invalid --rejects ./refer.db

# --- Its -wal and -shm while they exist: another process keeps the ledger open ------------------
python3 -c 'import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("select count(*) from clients").fetchall()
open("holder.ready", "w").close()
for _ in range(600):
    if os.path.exists("holder.stop"): break
    time.sleep(0.1)
db.close()' "$REFER_DB" &
holder=$!
for _ in $(seq 100); do [ -e holder.ready ] && break; sleep 0.1; done
[ -e refer.db-wal ] && [ -e refer.db-shm ] || fail "a WAL ledger open elsewhere has its -wal and -shm"
wal_sum=$(sha256sum refer.db-wal)
refused "--rejects the -wal" "refer.db-wal: refusing to write over the ledger" \
  import clients in.csv --skip-invalid --rejects refer.db-wal
refused "--rejects the -shm" "$TMP/refer.db-shm: refusing to write over the ledger" \
  import nps nps.csv --skip-invalid --rejects "$TMP/refer.db-shm"
refused "export --output the -wal" "refer.db-wal: refusing to write over the ledger" export events --output refer.db-wal
expect_eq "$(sha256sum refer.db-wal)" "$wal_sum" "the -wal is unchanged"
touch holder.stop
wait "$holder" || fail "the process holding the ledger open"
rm holder.ready holder.stop

# --- ... and by name before they exist ----------------------------------------------------------
# not_yet CONTEXT FILE ARGS...: FILE, a ledger file not there, is refused and not created.
not_yet() {
  local context=$1 file=$2; shift 2
  [ -e "$file" ] && fail "$context: $file is there already"
  run "$@"
  expect_rc 1 "$context"
  expect_err "refer: error: $file: refusing to write over the ledger" "$context"
  [ -e "$file" ] && fail "$context: $file was created"
  expect_eq "$(db_sum)" "$before" "$context: the ledger is unchanged"
}
not_yet "--rejects the -wal not there yet" refer.db-wal import clients in.csv --skip-invalid --rejects refer.db-wal
not_yet "--rejects the -journal not there yet" refer.db-journal \
  import clients in.csv --skip-invalid --rejects refer.db-journal
not_yet "export --output the -shm not there yet" refer.db-shm export clients --output refer.db-shm
run --db new.db import clients in.csv --skip-invalid --rejects new.db
expect_rc 1 "--rejects a ledger not there yet"
expect_err "refer: error: new.db: refusing to write over the ledger" "--rejects a ledger not there yet"
[ -e new.db ] && fail "a refused import creates no ledger"

# --- The input file -----------------------------------------------------------------------------
refused "--rejects the input" "in.csv: refusing to write over the input file" \
  import clients in.csv --skip-invalid --rejects in.csv
refused "--rejects the input, another spelling" "$TMP/./in.csv: refusing to write over the input file" \
  import clients in.csv --skip-invalid --rejects "$TMP/./in.csv"
ln -s in.csv in-link.csv
refused "--rejects a symlink to the input" "in-link.csv: refusing to write over the input file" \
  import clients in.csv --skip-invalid --rejects in-link.csv
refused "--rejects the NPS input" "nps.csv: refusing to write over the input file" \
  import nps nps.csv --skip-invalid --rejects nps.csv
run import clients in.csv --rejects in.csv --dry-run --skip-invalid
expect_rc 0 "a dry run writes no rejects file: nothing to refuse"
expect_eq "$(sha256sum in.csv)" "$input_sum" "dry run: the input is unchanged"
expect_eq "$(db_sum)" "$before" "dry run: the ledger is unchanged"
mkdir somedir
refused "--rejects a directory" "somedir: cannot write: Is a directory" \
  import clients in.csv --skip-invalid --rejects somedir

# --- Successful writes: in place, whole, nothing else left --------------------------------------
expect_eq "$(files | sed 's/refer.db-[a-z]* //g')" "in-link.csv in.csv link.db nps.csv refer.db somedir " \
  "no temporary left by the refusals"
echo "old rejects" >in.csv.rejects.csv
umask 022
run import clients in.csv --skip-invalid -q
expect_rc 0 "--skip-invalid"
expect_eq "$(cat in.csv.rejects.csv)" 'email,name,error
bob@,Bob,"invalid email ""bob@"" in column ""email"""' "the rejects file replaces the old one"
run --db other.db import clients in.csv --skip-invalid -q --rejects fresh.csv
expect_rc 0 "--rejects a new file"
expect_eq "$(stat -c %a fresh.csv)" 644 "a new rejects file: 0666 less the umask"
echo "old export" >private.csv
chmod 600 private.csv
run export clients --output private.csv
expect_rc 0 "export over a file"
expect_err "private.csv: 2 clients"
expect_eq "$(head -n 1 private.csv)" "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on"
expect_eq "$(stat -c %a private.csv)" 600 "the replaced file keeps its permissions"
echo "old" >real.csv
ln -s real.csv out-link.csv
run export clients --output out-link.csv -q
expect_rc 0 "export through a symlink"
[ -L out-link.csv ] || fail "the symlink stays a symlink"
expect_eq "$(wc -l <real.csv)" 3 "export through a symlink writes the file it points to"
"$REFER" export clients | cat >stdout.csv
"$REFER" export clients --output /dev/stdout -q | cat >dev-stdout.csv
cmp -s stdout.csv dev-stdout.csv || fail "--output /dev/stdout writes to the pipe"
expect_eq "$(files | sed 's/refer.db-[a-z]* //g')" "dev-stdout.csv fresh.csv in-link.csv in.csv in.csv.rejects.csv link.db nps.csv other.db out-link.csv private.csv real.csv refer.db somedir stdout.csv " "no temporary left"

# --- Failed writes leave the old file and no temporary ------------------------------------------
run export clients --output /dev/full
expect_rc 1 "/dev/full"
expect_err "refer: error: /dev/full: cannot write: No space left on device"
# A file size limit (SIGXFSZ ignored, so that write() fails with EFBIG) makes any write fail
# midway, for root too. The ledger needs > 64 KiB of CSV; its -shm (32 KiB) fits the limit.
{
  echo "email,name,company"
  for i in $(seq 3000); do echo "person$i@example.com,Person Number $i,Company $i"; done
} >many.csv
run import clients many.csv -q
expect_rc 0 "many people"
echo "old export" >big.csv
bash -c 'ulimit -f 64; trap "" XFSZ; exec "$@"' limited "$REFER" export clients --output big.csv >.out 2>.err
RC=$?
ERR=$(cat .err)
expect_rc 1 "export past the file size limit"
expect_err "refer: error: big.csv: cannot write: File too large"
expect_eq "$(cat big.csv)" "old export" "a failed export leaves the old file"
# The rejects file past the limit fails the import: nothing is committed, the old rejects stay.
{
  echo "email,name,company"
  echo "new.person@example.com,New Person,New Co"
  for i in $(seq 5000); do echo "bad-$i@,Rejected Person Number $i,Rejected Company $i"; done
} >rejects-many.csv
echo "old rejects" >rejects-many.csv.rejects.csv
before=$(db_sum)
bash -c 'ulimit -f 200; trap "" XFSZ; exec "$@"' limited "$REFER" import clients rejects-many.csv --skip-invalid -q >.out 2>.err
RC=$?
ERR=$(cat .err)
expect_rc 1 "rejects file past the file size limit"
expect_eq "$(tail -n 1 .err)" "refer: error: rejects-many.csv.rejects.csv: cannot write: File too large"
expect_eq "$(cat rejects-many.csv.rejects.csv)" "old rejects" "a failed import leaves the old rejects file"
expect_eq "$(db_sum)" "$before" "a failed rejects file: nothing imported"
run show new.person@example.com
expect_rc 1 "the valid row was not committed"
expect_eq "$(files | sed 's/refer.db-[a-z]* //g')" "big.csv dev-stdout.csv fresh.csv in-link.csv in.csv in.csv.rejects.csv link.db many.csv nps.csv other.db out-link.csv private.csv real.csv refer.db rejects-many.csv rejects-many.csv.rejects.csv somedir stdout.csv " "no temporary left after failures"

finish
