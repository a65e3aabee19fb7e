#!/usr/bin/env bash
# The bad input battery (issue 11, item 9): malformed files, values, options and databases.
# Each case gives one clear error naming the file and line where there is one, the exit status
# of SPEC 2, and leaves the ledger byte-identical. Inputs are made here with printf.
. "$(dirname "$0")/lib.sh"

# The seeded ledger: two people, a referral; checkpointed, so that the file is the whole ledger.
"$REFER" add ann@x.com --name Ann --started-on 2024-01-01 -q
"$REFER" add bo@x.com --name Bo -q
"$REFER" submit --by ann@x.com --name Cy --email cy@y.com --on 2026-11-01 >/dev/null
sqlite3 "$REFER_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
ledger_state() { echo "$(db_sum) $(sqlite3 "$REFER_DB" .dump | sha256sum | cut -d' ' -f1)"; }
STATE=$(ledger_state)

# bytes FILE FORMAT [ARGS...]: writes FILE with printf.
bytes() { local f=$1; shift; printf "$@" >"$f"; }

CASES=0
# case NAME EXIT STDERR [ENV=VALUE...] -- ARGS...: runs refer ARGS and checks the exit status,
# the exact standard error and that the ledger is unchanged.
case_() {
  local name=$1 rc=$2 err=$3; shift 3
  local env=()
  while [ "$1" != "--" ]; do env+=("$1"); shift; done
  shift
  env "${env[@]}" "$REFER" "$@" >"$TMP/.out" 2>"$TMP/.err" </dev/null
  RC=$?
  OUT=$(cat "$TMP/.out")
  ERR=$(sed -E 's/\([0-9]+\.[0-9] s\)/(T s)/g' "$TMP/.err")
  [ "$RC" -eq "$rc" ] || fail "$name: expected exit $rc, got $RC"
  [ "$ERR" == "$err" ] || fail "$name: stderr differs:"$'\n'"--- expected"$'\n'"$err"$'\n'"--- got"$'\n'"$ERR"
  [ "$(ledger_state)" == "$STATE" ] || fail "$name: the ledger changed"
  CASES=$((CASES + 1))
}
nothing() { echo "refer: error: $1: $2 invalid row$([ "$2" -eq 1 ] || echo s); nothing imported (--skip-invalid imports the valid rows)"; }

# --- Encodings -------------------------------------------------------------------------------------
bytes latin1.csv 'email,name\nrene@x.fr,Ren\xe9\n'
case_ "latin1 without --encoding" 1 "refer: error: latin1.csv:2: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)
$(nothing latin1.csv 1)" -- import clients latin1.csv
bytes head8.csv 'email,n\xe9m\nrene@x.fr,R\n'
case_ "invalid UTF-8 in the header" 1 "refer: error: head8.csv:1: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)" -- import clients head8.csv
bytes overlong.csv 'email,name\na@x.fr,A\nb@x.fr,\xc0\xaf\n'
case_ "overlong UTF-8" 1 "refer: error: overlong.csv:3: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)
$(nothing overlong.csv 1)" -- import clients overlong.csv
bytes surr8.csv 'email,name\na@x.fr,\xed\xa0\x80\n'
case_ "a surrogate written as UTF-8" 1 "refer: error: surr8.csv:2: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)
$(nothing surr8.csv 1)" -- import clients surr8.csv
bytes cut8.csv 'email,name\na@x.fr,Caf\xc3'
case_ "UTF-8 cut at the end of the file" 1 "refer: error: cut8.csv:2: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)
$(nothing cut8.csv 1)" -- import clients cut8.csv
# UTF-16LE with a BOM: "email,name\n a@x.fr,A\n b@x.fr,<lone high surrogate>\n"
bytes lone16le.csv '\xff\xfee\0m\0a\0i\0l\0,\0n\0a\0m\0e\0\n\0a\0@\0x\0.\0f\0r\0,\0A\0\n\0b\0@\0x\0.\0f\0r\0,\0\x3c\xd8\n\0'
case_ "UTF-16LE lone high surrogate" 1 "refer: error: lone16le.csv:3: invalid UTF-16 (an unpaired surrogate)
$(nothing lone16le.csv 1)" -- import clients lone16le.csv
bytes lone16be.csv '\xfe\xff\0e\0m\0a\0i\0l\0,\0n\0a\0m\0e\0\n\0a\0@\0x\0.\0f\0r\0,\xdf\x3f\0\n'
case_ "UTF-16BE lone low surrogate" 1 "refer: error: lone16be.csv:2: invalid UTF-16 (an unpaired surrogate)
$(nothing lone16be.csv 1)" -- import clients lone16be.csv
bytes odd16.csv '\xff\xfee\0m\0a\0i\0l\0\n\0a\0@\0x\0.\0f\0r\0\n\0b'
case_ "UTF-16 with an odd last byte" 1 "refer: error: odd16.csv:3: invalid UTF-16 (an unpaired surrogate)
$(nothing odd16.csv 1)" -- import clients odd16.csv
bytes nobom16.csv 'e\0m\0a\0i\0l\0\n\0a\0@\0x\0.\0f\0r\0\n\0'
case_ "UTF-16 without a byte-order mark" 1 "refer: error: nobom16.csv:1: a NUL byte (is the file UTF-16 without a byte-order mark?)" -- import clients nobom16.csv
bytes nul.csv 'email,name\na@x.fr,A\nb@x.fr,B\0B\n'
case_ "a NUL byte in a field" 1 "refer: error: nul.csv:3: a NUL byte (is the file UTF-16 without a byte-order mark?)
$(nothing nul.csv 1)" -- import clients nul.csv
bytes nul16.csv '\xff\xfee\0m\0a\0i\0l\0\n\0a\0\0\0@\0x\0.\0f\0r\0\n\0'
case_ "a NUL character in UTF-16" 1 "refer: error: nul16.csv:2: a NUL character
$(nothing nul16.csv 1)" -- import clients nul16.csv
bytes bin.csv '\x89PNG\r\n\x1a\n\0\0\0\rIHDR'
case_ "a binary file" 1 "refer: error: bin.csv:1: invalid UTF-8 (is it cp1252 or latin1? try --encoding cp1252)" -- import clients bin.csv

# --- Line ends and quotes ------------------------------------------------------------------------
bytes cr.csv 'email,name\rok@x.com,A\rbad@,B\r'
case_ "CR-only line ends name the right line" 1 "refer: error: cr.csv:3: invalid email \"bad@\" in column \"email\"
$(nothing cr.csv 1)" -- import clients cr.csv
bytes crmix.csv 'email,name\r\nok@x.com,A\rno-at,B\nz@x.com,\r'
case_ "mixed line ends" 1 "refer: error: crmix.csv:3: invalid email \"no-at\" in column \"email\"
$(nothing crmix.csv 1)" -- import clients crmix.csv
bytes open.csv 'email,name\na@x.fr,A\nb@x.fr,"B\nc@x.fr,C\n'
case_ "a quote never closed" 1 "refer: error: open.csv:3: a quoted field is never closed (it runs to the end of the file)
$(nothing open.csv 1)" -- import clients open.csv
bytes crquote.csv 'email,name\ra@x.fr,"two\rlines"\rbad,B\r'
case_ "CR inside quotes counts as a line" 1 "refer: error: crquote.csv:4: invalid email \"bad\" in column \"email\"
$(nothing crquote.csv 1)" -- import clients crquote.csv

# --- Shapes ----------------------------------------------------------------------------------------
bytes few.csv 'email,name,company\na@x.fr,A\n'
case_ "too few fields" 1 "refer: error: few.csv:2: 2 fields, but the header has 3
$(nothing few.csv 1)" -- import clients few.csv
bytes many.csv 'email,name\na@x.fr,A,extra,more\n'
case_ "too many fields" 1 "refer: error: many.csv:2: 4 fields, but the header has 2
$(nothing many.csv 1)" -- import clients many.csv
bytes empty.csv ''
case_ "an empty file" 1 "refer: error: empty.csv: the file is empty (no header row)" -- import clients empty.csv
bytes blank.csv '\n\r\n\r\n'
case_ "only blank lines" 1 "refer: error: blank.csv: the file is empty (no header row)" -- import clients blank.csv
bytes bomonly.csv '\xef\xbb\xbf'
case_ "only a byte-order mark" 1 "refer: error: bomonly.csv: the file is empty (no header row)" -- import clients bomonly.csv
bytes noemail.csv 'name,company\nAnn,Acme\n'
case_ "no email column" 1 "refer: error: noemail.csv:1: no email or external_id column (name one with --map 'Header=email')" -- import clients noemail.csv
bytes dup.csv 'email,email\na@x.com,b@x.com\n'
case_ "a column named twice" 1 "refer: error: dup.csv:1: column \"email\" appears twice (columns 1 and 2): rename one" -- import clients dup.csv
bytes dup2.csv 'name,Email, EMAIL ,x\nA,a@x.com,b@x.com,1\n'
case_ "a column named twice, spelt differently" 1 "refer: error: dup2.csv:1: column \"Email\" appears twice (columns 2 and 3): rename one" -- import clients dup2.csv
bytes dupref.csv 'referrer_email,submitted_on,submitted_on\nann@x.com,2026-11-01,2026-11-02\n'
case_ "a referral column named twice" 1 "refer: error: dupref.csv:1: column \"submitted_on\" appears twice (columns 2 and 3): rename one" -- import referrals dupref.csv

# --- Huge records ----------------------------------------------------------------------------------
{ printf 'email,name\na@x.fr,'; head -c 2000000 /dev/zero | tr '\0' x; printf '\n'; } >huge.csv
case_ "a 2 MB field" 1 "refer: error: huge.csv:2: a record of more than 1 MiB (refer reads records up to that size: is a quote left open?)" -- import clients huge.csv
{ printf 'email,name\na@x.fr,"'; head -c 3000000 /dev/zero | tr '\0' '\n'; } >openhuge.csv
case_ "a quote left open in a large file" 1 "refer: error: openhuge.csv:2: a record of more than 1 MiB (refer reads records up to that size: is a quote left open?)" -- import clients openhuge.csv
{ printf 'email,name\na@x.fr'; head -c 20001 /dev/zero | tr '\0' ,; printf '\n'; } >wide.csv
case_ "a record of 20,000 fields" 1 "refer: error: wide.csv:2: a record of more than 10,000 fields" -- import clients wide.csv
{ printf 'referrer_email,submitted_on,note\nann@x.com,2026-11-01,'; head -c 1500000 /dev/zero | tr '\0' n; printf '\n'; } >hugeref.csv
case_ "a 1.5 MB note in a referral file" 1 "refer: error: hugeref.csv:2: a record of more than 1 MiB (refer reads records up to that size: is a quote left open?)" -- import referrals hugeref.csv

# --- Values ----------------------------------------------------------------------------------------
bytes feb30.csv 'email,started_on\na@x.fr,2026-02-30\n'
case_ "2026-02-30" 1 "refer: error: feb30.csv:2: invalid date \"2026-02-30\" in column \"started_on\"
$(nothing feb30.csv 1)" -- import clients feb30.csv
bytes feb29.csv 'email,started_on\na@x.fr,2025-02-29\n'
case_ "2025-02-29, not a leap year" 1 "refer: error: feb29.csv:2: invalid date \"2025-02-29\" in column \"started_on\"
$(nothing feb29.csv 1)" -- import clients feb29.csv
bytes month13.csv 'email,ended_on\na@x.fr,2026-13-01\n'
case_ "month 13" 1 "refer: error: month13.csv:2: invalid date \"2026-13-01\" in column \"ended_on\"
$(nothing month13.csv 1)" -- import clients month13.csv
bytes zero.csv 'email,started_on\na@x.fr,0000-00-00\n'
case_ "0000-00-00" 1 "refer: error: zero.csv:2: invalid date \"0000-00-00\" in column \"started_on\"
$(nothing zero.csv 1)" -- import clients zero.csv
bytes big17.csv 'email,annual_value\na@x.fr,92233720368547759\n'
big_err="refer: error: big17.csv:2: invalid amount \"92233720368547759\" in column \"annual_value\" (too large: at most 999999999999.99)
$(nothing big17.csv 1)"
case_ "a 17-digit amount" 1 "$big_err" -- import clients big17.csv
case_ "a 17-digit amount, dry run" 1 "$big_err" -- import clients big17.csv --dry-run
bytes big13.csv 'email,annual_value\na@x.fr,"$1,000,000,000,000.00"\n'
case_ "just above the largest amount" 1 "refer: error: big13.csv:2: invalid amount \"\$1,000,000,000,000.00\" in column \"annual_value\" (too large: at most 999999999999.99)
$(nothing big13.csv 1)" -- import clients big13.csv
bytes sci.csv 'email,annual_value\na@x.fr,1.2E+4\n'
case_ "scientific notation" 1 "refer: error: sci.csv:2: invalid amount \"1.2E+4\" in column \"annual_value\" (scientific notation)
$(nothing sci.csv 1)" -- import clients sci.csv
bytes neg.csv 'email,annual_value\na@x.fr,-5\n'
case_ "a negative amount" 1 "refer: error: neg.csv:2: negative amount \"-5\" in column \"annual_value\"
$(nothing neg.csv 1)" -- import clients neg.csv
bytes cents3.csv 'email,annual_value\na@x.fr,12.345\n'
case_ "three decimals" 1 "refer: error: cents3.csv:2: invalid amount \"12.345\" in column \"annual_value\" (more than 2 decimals)
$(nothing cents3.csv 1)" -- import clients cents3.csv
bytes bigdeal.csv 'referrer_email,submitted_on,referee_name,status,status_on,deal_value\nann@x.com,2026-11-01,Di,won,2026-11-05,92233720368547759\n'
case_ "a 17-digit deal value" 1 "refer: error: bigdeal.csv:2: invalid amount \"92233720368547759\" in column \"deal_value\" (too large: at most 999999999999.99)
$(nothing bigdeal.csv 1)" -- import referrals bigdeal.csv
bytes refdate.csv 'referrer_email,submitted_on,referee_name\nann@x.com,2026-02-30,Di\n'
case_ "a referral submitted on 2026-02-30" 1 "refer: error: refdate.csv:2: invalid date \"2026-02-30\" in column \"submitted_on\"
$(nothing refdate.csv 1)" -- import referrals refdate.csv
bytes nps11.csv 'email,score,responded_on\nann@x.com,11,2026-11-01\n'
case_ "an NPS score of 11" 1 "refer: error: nps11.csv:2: invalid score \"11\" in column \"score\" (0 to 10)
$(nothing nps11.csv 1)" -- import nps nps11.csv

# --- Options ---------------------------------------------------------------------------------------
case_ "advance --value with 17 digits" 2 "refer: error: --value: \"92233720368547759\" is not an amount of money (too large: at most 999999999999.99)" -- advance 1 won --value 92233720368547759
case_ "edit --value with 20 digits" 2 "refer: error: \"99999999999999999999\" is not an amount of money (too large: at most 999999999999.99)" -- edit 1 --value 99999999999999999999
case_ "add --annual-value with 17 digits" 2 "refer: error: --annual-value: \"92233720368547759\" is not an amount of money (too large: at most 999999999999.99)" -- add new@x.com --annual-value 92233720368547759
case_ "submit --on 2026-02-30" 2 "refer: error: --on: \"2026-02-30\" is not a date (YYYY-MM-DD)" -- submit --by ann@x.com --name D --email d@y.com --on 2026-02-30
case_ "--today 2026-02-30" 2 "refer: error: --today: \"2026-02-30\" is not a date (YYYY-MM-DD)" -- --today 2026-02-30 clients
case_ "--db ''" 2 "refer: error: --db: a file name is needed, not \"\"" -- --db '' clients
case_ "--db '' on a write" 2 "refer: error: --db: a file name is needed, not \"\"" -- --db '' add z@x.com

# --- Files -----------------------------------------------------------------------------------------
mkdir adir
case_ "a directory as the input" 1 "refer: error: adir: cannot open: Is a directory" -- import clients adir
case_ "a missing input" 1 "refer: error: gone.csv: cannot open: No such file or directory" -- import clients gone.csv
mkfifo bad.fifo
printf 'email,name\nok@x.com,A\nbad@,B\n' >bad.fifo &
case_ "a FIFO with a bad row" 1 "refer: error: bad.fifo:3: invalid email \"bad@\" in column \"email\"
$(nothing bad.fifo 1)" -- import clients bad.fifo
wait
case_ "a directory as --db, reading" 1 "refer: error: adir: is a directory, not a ledger (--db names the database file)" -- --db adir clients
case_ "a directory as --db, writing" 1 "refer: error: adir: is a directory, not a ledger (--db names the database file)" -- --db adir add z@x.com
mkfifo db.fifo
case_ "a FIFO as --db" 1 "refer: error: db.fifo: not a regular file, so not a ledger" -- --db db.fifo clients
case_ "/dev/null as --db" 1 "refer: error: /dev/null: not a regular file, so not a ledger" -- --db /dev/null add z@x.com
case_ "a missing ledger, reading" 1 "refer: error: no database at nope.db (import or add people first, or pass --db)" -- --db nope.db clients --json
[ -e nope.db ] && fail "a read creates no ledger"
case_ "a missing directory, reading" 1 "refer: error: no database at no/dir/r.db (import or add people first, or pass --db)" -- --db no/dir/r.db due
[ -e no ] && fail "a read creates no directory"
: >empty.db
case_ "an empty file as the ledger" 1 "refer: error: empty.db: the database is empty; import or add people first" -- --db empty.db referrals
bytes text.db 'email,name\nann@x.com,Ann\n'
case_ "a text file as --db, reading" 4 "refer: error: text.db: not a refer database (file is not a database)" -- --db text.db clients
case_ "a text file as --db, writing" 4 "refer: error: text.db: not a refer database (file is not a database)" -- --db text.db add z@x.com
sqlite3 foreign.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
foreign=$(sha256sum foreign.db)
case_ "a foreign SQLite database, reading" 4 "refer: error: foreign.db: not a refer database" -- --db foreign.db clients
case_ "a foreign SQLite database, importing" 4 "refer: error: foreign.db: not a refer database" -- --db foreign.db import clients cr.csv
expect_eq "$(sha256sum foreign.db)" "$foreign" "the foreign database is untouched"
cp "$REFER_DB" newer.db
sqlite3 newer.db 'PRAGMA user_version = 99'
case_ "a ledger from a newer refer" 4 "refer: error: newer.db: written by a newer refer (schema 99, this refer knows $(sqlite3 "$REFER_DB" 'PRAGMA user_version'))" -- --db newer.db add z@x.com
head -c 4096 "$REFER_DB" >cut.db
case_ "a truncated ledger" 4 "refer: error: cut.db: not a refer database (database disk image is malformed)" -- --db cut.db clients

# --- Programs ---------------------------------------------------------------------------------------
bytes big.toml 'name = "p"\n\n[[rewards]]\nname = "r"\non = "won"\namount = 92233720368547759\n'
case_ "a 17-digit amount in a program" 1 "refer: error: big.toml:6:10: amount = 92233720368547759: money is at most 999999999999.99" -- program load big.toml
bytes big20.toml 'name = "p"\n\n[[rewards]]\nname = "r"\non = "won"\namount = 99999999999999999999\n'
case_ "a 20-digit amount in a program" 1 "refer: error: big20.toml:6:30: TOML syntax error in decimal integer: '99999999999999999999' is not representable in 64 bits" -- program load big20.toml
case_ "a directory as the program" 1 "refer: error: adir: cannot open: Is a directory" -- program load adir

# --- A full disk (a file size limit stands in for it) --------------------------------------------
{ echo email,name,company; for i in $(seq 1 20000); do echo "p$i@example.com,Person $i,Company $i"; done; } >many-people.csv
limit=$(( $(stat -c %s "$REFER_DB") / 512 + 16 ))
( trap '' XFSZ; ulimit -f "$limit"; exec "$REFER" import clients many-people.csv ) >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "full disk"
expect_err "refer: error: database: disk I/O error"
[ "$(ledger_state)" == "$STATE" ] || fail "full disk: the ledger changed"
CASES=$((CASES + 1))

[ "$CASES" -ge 50 ] || fail "the battery holds $CASES cases, fewer than 50"
run check
expect_rc 0 "the ledger still checks"
finish
