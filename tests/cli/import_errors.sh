#!/usr/bin/env bash
# Invalid rows: all or nothing by default, physical line numbers, --skip-invalid with its
# rejects file, --dry-run, duplicates, the 50-problem limit, usage errors, stdin.
. "$(dirname "$0")/lib.sh"
cp "$FIXTURES/import/invalid-clients.csv" .

# people: every stored person, one line each, in insertion order.
people() {
  sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" \
    "select email, name, company, industry, kind, annual_value, started_on, source, external_id from clients order by id"
}
errors='refer: error: invalid-clients.csv:5: invalid email "bob@" in column "email"
refer: error: invalid-clients.csv:7: invalid date "2023-13-45" in column "started_on"
refer: error: invalid-clients.csv:9: negative amount "-50" in column "annual_value"'

# --- A new database: the refused import leaves no file behind ---------------------------------
run import clients invalid-clients.csv
expect_rc 1 "invalid rows"
expect_err "$errors
refer: error: invalid-clients.csv: 3 invalid rows; nothing imported (--skip-invalid imports the valid rows)"
[ -e "$REFER_DB" ] && fail "a refused import into a new database leaves no database file"
[ -e "$REFER_DB-wal" ] && fail "a refused import leaves no WAL file"

# --- --dry-run on a new database writes nothing -------------------------------------------------
run import clients invalid-clients.csv --dry-run --skip-invalid
expect_rc 0 "dry run"
expect_err "$errors
invalid-clients.csv: 8 rows: 5 new, 0 updated, 0 unchanged, 3 rejected (T s) (dry run: nothing written)"
[ -e "$REFER_DB" ] && fail "a dry run creates no database"
[ -e invalid-clients.csv.rejects.csv ] && fail "a dry run writes no rejects file"

# --- An existing database stays byte-for-byte unchanged -------------------------------------------
run add existing@example.com --name Existing
expect_rc 0 "add"
before=$(db_sum)
run import clients invalid-clients.csv
expect_rc 1 "invalid rows, existing db"
expect_eq "$(db_sum)" "$before" "refused import changes nothing"
run import clients invalid-clients.csv --dry-run
expect_rc 1 "dry run without --skip-invalid still fails on invalid rows"
expect_eq "$(db_sum)" "$before" "dry run changes nothing"
printf 'email,name\nnew@example.com,New\n' >one.csv
run import clients one.csv --dry-run --json
expect_rc 0 "valid dry run"
expect_out '{"file":"one.csv","rows":1,"new":1,"updated":0,"unchanged":0,"rejected":0,"skipped":0,"dry_run":true}'
expect_eq "$(db_sum)" "$before" "valid dry run changes nothing"

# --- --skip-invalid: valid rows in, the others in FILE.rejects.csv ---------------------------------
run import clients invalid-clients.csv --skip-invalid
expect_rc 0 "skip invalid"
expect_err "$errors
invalid-clients.csv: 8 rows: 5 new, 0 updated, 0 unchanged, 3 rejected (T s)"
expect_eq "$(people)" "existing@example.com|Existing|null|null|client|null|null|null|null
amelia.stone@stonerowe.com|Amelia Stone|Stone & Rowe|consulting|client|1800000|2023-04-03|referral|null
rowan.hale@halestudio.com|Rowan Hale
c/o Hale Studio|Hale Studio|design|client|960000|2022-02-14|inbound|null
ines.carvalho@carvalho-legal.pt|Inês Carvalho|Carvalho Advogados|legal|client|2640000|2021-09-20|event|null
nina.holm@holmhr.dk|Nina Holm|Holm HR|recruiting|client|1200000|2025-05-05|inbound|null
null|Keith Ortega|Ortega Partners|consulting|partner|null|2020-01-13|partner|crm-3307" "skip invalid"
expect_eq "$(cat invalid-clients.csv.rejects.csv)" "email,name,company,industry,kind,annual_value,started_on,ended_on,source,tags,external_id,error
bob@,Bob Marsh,Marsh Accounting,accounting,client,7200.00,2024-01-08,,outbound,,,\"invalid email \"\"bob@\"\" in column \"\"email\"\"\"
tariq.aziz@aziz-it.com,Tariq Aziz,Aziz IT,IT services,client,15000.00,2023-13-45,,referral,,,\"invalid date \"\"2023-13-45\"\" in column \"\"started_on\"\"\"
paul.graves@gravesmedia.com,Paul Graves,Graves Media,marketing agency,client,-50,2024-07-01,,outbound,,,\"negative amount \"\"-50\"\" in column \"\"annual_value\"\"\"" "rejects file"
rejects=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline=""))))-1)' invalid-clients.csv.rejects.csv)
expect_eq "$((5 + rejects))" 8 "rows in = imported + rejected"
# The rejects file, fixed, imports the rest.
python3 - <<'EOF'
import csv
rows = list(csv.reader(open("invalid-clients.csv.rejects.csv", newline="")))
rows = [r[:-1] for r in rows]
rows[1][0] = "bob@marsh.com"; rows[2][6] = "2023-12-15"; rows[3][5] = "50"
csv.writer(open("fixed.csv", "w", newline=""), lineterminator="\n").writerows(rows)
EOF
run import clients fixed.csv --json -q
expect_rc 0 "fixed rejects"
expect_out '{"file":"fixed.csv","rows":3,"new":3,"updated":0,"unchanged":0,"rejected":0,"skipped":0}'
run import clients invalid-clients.csv --skip-invalid --rejects "$TMP/other.csv" -q --json
expect_rc 0 "--rejects PATH"
expect_out '{"file":"invalid-clients.csv","rows":8,"new":0,"updated":0,"unchanged":5,"rejected":3,"skipped":0}' "re-import"
cmp "$TMP/other.csv" invalid-clients.csv.rejects.csv || fail "--rejects PATH holds the same rejects"
run import clients fixed.csv --skip-invalid --rejects "$TMP/none.csv" -q
expect_rc 0 "nothing rejected"
[ -e "$TMP/none.csv" ] && fail "no rejects file when nothing is rejected"
printf 'email,name\nbob@,Bob\n' >bad.csv
run import clients bad.csv --skip-invalid --rejects "$TMP/other.csv" -q
expect_rc 0 "--rejects PATH"
expect_eq "$(cat "$TMP/other.csv")" 'email,name,error
bob@,Bob,"invalid email ""bob@"" in column ""email"""' "--rejects PATH"
[ -e bad.csv.rejects.csv ] && fail "--rejects replaces the default path"

# --- Duplicate emails inside one file: the last row wins, a warning names both lines ---------------
printf 'email,name,company\ndup@example.com,First,A\nother@example.com,Other,B\nDUP@example.com ,Second,C\n' >dups.csv
run import clients dups.csv
expect_rc 0 duplicates
expect_err "refer: warning: dups.csv:4: dup@example.com already appeared on line 2; the last row wins
dups.csv: 3 rows: 2 new, 0 updated, 1 unchanged, 0 rejected (T s)"
expect_eq "$(sql "select name || '|' || company from clients where email='dup@example.com'")" "Second|C"

# --- Wrong number of fields, unterminated quote -------------------------------------------------------
printf 'email,name\na@example.com,A,extra\nb@example.com\nc@example.com,"C\n' >shape.csv
before=$(db_sum)
run import clients shape.csv
expect_rc 1 "wrong field counts"
expect_err "refer: error: shape.csv:2: 3 fields, but the header has 2
refer: error: shape.csv:3: 1 fields, but the header has 2
refer: error: shape.csv:4: a quoted field is never closed (it runs to the end of the file)
refer: error: shape.csv: 3 invalid rows; nothing imported (--skip-invalid imports the valid rows)"
expect_eq "$(db_sum)" "$before" "shape errors change nothing"

# --- More than 50 problems: the first 50, then a count ----------------------------------------------
python3 -c '
print("email,name")
for i in range(120): print(f"bad{i}@,Bad {i}")
' >many.csv
run import clients many.csv
expect_rc 1 "many problems"
expect_eq "$(echo "$ERR" | grep -c '^refer: error: many.csv:[0-9]*: invalid email')" 50 "first 50 problems"
expect_eq "$(echo "$ERR" | sed -n 50p)" 'refer: error: many.csv:51: invalid email "bad49@" in column "email"'
expect_eq "$(echo "$ERR" | tail -n 2)" "refer: error: many.csv: ... and 70 more problems
refer: error: many.csv: 120 invalid rows; nothing imported (--skip-invalid imports the valid rows)"

# --- Found by gen-data --bad: malformed addresses and ambiguous dates are invalid ---------------------
# (`$1,200.00` is valid money and an empty date is an absent value: SPEC 2 and 5.)
printf 'email,annual_value,started_on\njane..doe@example.com,1,\n<jane@example.com>,1,\n.jane@example.com,1,\njane@example.com,"$1,200.00",\nj@example.com,1,12/31/2023\n' >gen.csv
run import clients gen.csv --skip-invalid
expect_rc 0 "gen-data values"
expect_err 'refer: error: gen.csv:2: invalid email "jane..doe@example.com" in column "email"
refer: error: gen.csv:3: invalid email "<jane@example.com>" in column "email"
refer: error: gen.csv:4: invalid email ".jane@example.com" in column "email"
refer: error: gen.csv:6: invalid date "12/31/2023" in column "started_on" (dates are YYYY-MM-DD; for other forms give --date-format, e.g. %m/%d/%Y)
gen.csv: 5 rows: 1 new, 0 updated, 0 unchanged, 4 rejected (T s)'
expect_eq "$(sqlite3 -batch -noheader -nullvalue null "$REFER_DB" "select annual_value || ' ' || ifnull(started_on, 'null') from clients where email='jane@example.com'")" "120000 null"
printf 'email,score,responded_on\njane@example.com,9,12/31/2023\njane..doe@example.com,9,2023-12-31\n' >gen-nps.csv
run import nps gen-nps.csv
expect_rc 1 "gen-data NPS values"
expect_err 'refer: error: gen-nps.csv:2: invalid date "12/31/2023" in column "responded_on" (dates are YYYY-MM-DD; for other forms give --date-format, e.g. %m/%d/%Y)
refer: error: gen-nps.csv:3: invalid email "jane..doe@example.com" in column "email"
refer: error: gen-nps.csv: 2 invalid rows; nothing imported (--skip-invalid imports the valid rows)'
before=$(db_sum)

# --- Usage errors and missing input --------------------------------------------------------------------
run import clients one.csv --map 'name=nickname'
expect_rc 2 "unknown --map field"
expect_err_has "unknown field \"nickname\""
run import clients one.csv --map 'Nickname=name'
expect_rc 2 "--map of a missing column"
run import clients one.csv --map 'name'
expect_rc 2 "malformed --map"
run import clients no-such-file.csv
expect_rc 1 "missing file"
expect_err "refer: error: no-such-file.csv: cannot open: No such file or directory"
: >empty.csv
run import clients empty.csv
expect_rc 1 "empty file"
expect_err "refer: error: empty.csv: the file is empty (no header row)"
printf 'who,what\nx,y\n' >nokey.csv
run import clients nokey.csv
expect_rc 1 "no identity column"
expect_err "refer: error: nokey.csv:1: no email or external_id column (name one with --map 'Header=email')"
expect_eq "$(db_sum)" "$before" "usage errors change nothing"

# --- Standard input ------------------------------------------------------------------------------------
"$REFER" import clients - --json <one.csv >"$TMP/stdin.out" 2>"$TMP/stdin.err"
expect_eq "$?" 0 "stdin"
expect_eq "$(cat "$TMP/stdin.out")" '{"file":"stdin","rows":1,"new":1,"updated":0,"unchanged":0,"rejected":0,"skipped":0}' "stdin"
expect_eq "$(sql "select name from clients where email='new@example.com'")" New "stdin"
printf 'email,name\nbob@,Bob\n' | "$REFER" import clients - --skip-invalid -q 2>/dev/null
expect_eq "$?" 0 "stdin --skip-invalid"
expect_eq "$(tail -n 1 stdin.rejects.csv)" 'bob@,Bob,"invalid email ""bob@"" in column ""email"""' "stdin rejects file"
finish
