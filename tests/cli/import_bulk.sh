#!/usr/bin/env bash
# Files over 8 MB take the bulk path: secondary indexes are dropped and rebuilt in the same
# transaction. The result must be the same ledger, with every index back.
. "$(dirname "$0")/lib.sh"

python3 - <<'PY'
pad = "x" * 60
with open("big-clients.csv", "w") as f:
    f.write("email,name,company,tags\n")
    for i in range(90000):
        f.write(f"person{i}@company{i % 5000}.example,Person {i} {pad},Company {i % 5000},t{i % 7}\n")
with open("big-referrals.csv", "w") as f:
    f.write("referrer_email,referee_name,referee_email,submitted_on,status,status_on,deal_value,note\n")
    for i in range(90000):
        f.write(f"person{i}@company{i % 5000}.example,Lead {i},lead{i}@prospect{i}.example,2026-01-05,won,2026-02-01,1200.00,{pad}\n")
PY
[ "$(stat -c %s big-clients.csv)" -gt 8388608 ] || fail "the clients file is too small to test the bulk path"
[ "$(stat -c %s big-referrals.csv)" -gt 8388608 ] || fail "the referrals file is too small to test the bulk path"

indexes() { sql "select name from sqlite_schema where type = 'index' and name not like 'sqlite_%' order by name" | tr '\n' ' '; }
run add seed@example.com --name Seed
expected=$(indexes)

run import clients big-clients.csv
expect_rc 0
expect_err "big-clients.csv: 90,000 rows: 90,000 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(indexes)" "$expected" "indexes after a bulk people import"
expect_eq "$(sql "select count(*) from clients where company = 'company 42' collate nocase")" 18 "company index answers"
expect_eq "$(sql "select count(*) from tags where tag = 't3'")" 12857
expect_eq "$(sql "select count(*) from events where entity = 'client' and what = 'created'")" 90001
expect_eq "$(sql 'pragma integrity_check')" ok

run import referrals big-referrals.csv
expect_rc 0
expect_err "big-referrals.csv: 90,000 rows: 90,000 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(indexes)" "$expected" "indexes after a bulk referral import"
expect_eq "$(sql "select count(*) from referrals where status = 'won'")" 90000
expect_eq "$(sql "select count(*) from clients where source = 'referral'")" 90000 "won referees became clients"
expect_eq "$(sql 'pragma integrity_check')" ok
expect_eq "$(sql 'pragma foreign_key_check')" "" "no dangling references after a bulk load"

# A second bulk file: the referee index is dropped for it, so referees already in the ledger
# and referees the file names twice are judged through the suspects found by a first pass.
python3 - <<'PY'
pad = "y" * 60
with open("more-referrals.csv", "w") as f:
    f.write("referrer_email,referee_name,referee_email,submitted_on,status,status_on,deal_value,note\n")
    for i in range(70000):
        f.write(f"person{i}@company{i % 5000}.example,Next {i},next{i}@prospect-b{i}.example,2026-03-02,submitted,,,{pad}\n")
        if i == 100:   # already in the ledger (referral 6), another referrer, within the window
            f.write(f"person9@company9.example,Lead 5,LEAD5@prospect5.example,2026-03-01,submitted,,,{pad}\n")
        if i == 200:   # named twice by the file: same referrer and date continue the history
            f.write(f"person1@company1.example,Twice,twice@prospect.example,2026-02-01,submitted,,,{pad}\n")
        if i == 300:
            f.write(f"person1@company1.example,Twice,twice@prospect.example,2026-02-01,contacted,2026-02-10,,{pad}\n")
        if i == 400:   # another referrer for the same referee loses to the first
            f.write(f"person2@company2.example,Twice,twice@prospect.example,2026-03-01,submitted,,,{pad}\n")
PY
[ "$(stat -c %s more-referrals.csv)" -gt 8388608 ] || fail "the second referrals file is too small to test the bulk path"
# The bulk path leaves WAL for a rollback journal during its transaction, which bumps the
# change counter in the file header: the content is what must stay as it was.
dump_sum() { sqlite3 "$REFER_DB" .dump | sha256sum | cut -d' ' -f1; }
before=$(dump_sum)
run import referrals more-referrals.csv
expect_rc 1
expect_err 'refer: error: more-referrals.csv:103: lead5@prospect5.example was already referred by person5@company5.example on 2026-01-05 (referral 6); the first referral within 365 days wins
refer: error: more-referrals.csv:406: twice@prospect.example was already referred by person1@company1.example on 2026-02-01 (referral 90202); the first referral within 365 days wins
refer: error: more-referrals.csv: 2 invalid rows; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(dump_sum)" "$before" "a refused bulk import leaves the ledger as it was"
expect_eq "$(sql 'pragma journal_mode')" wal
file_before=$(db_sum)
run import referrals more-referrals.csv --skip-invalid --dry-run
expect_rc 0
expect_err_has "70,004 rows: 70,001 new, 1 updated, 0 unchanged, 2 rejected (T s) (dry run: nothing written)"
expect_eq "$(db_sum)" "$file_before" "a bulk dry run leaves the very file as it was"

# Killed in the middle (SIGKILL while its rollback journal exists): the next command, even a
# read-only one, finds the ledger as it was; the next write command brings WAL back.
"$REFER" -q import referrals more-referrals.csv --skip-invalid & pid=$!
for _ in $(seq 400); do [ -e "$REFER_DB-journal" ] && break; sleep 0.02; done
[ -e "$REFER_DB-journal" ] || fail "no rollback journal seen while the bulk import ran"
kill -9 "$pid"; wait "$pid" 2>/dev/null
run referrals --by person1@company1.example --format csv
expect_rc 0 "a read after the kill"
expect_eq "$(echo "$OUT" | wc -l)" 2 "the header and referral 2 alone: nothing of the killed import"
expect_eq "$(dump_sum)" "$before" "a killed bulk import leaves the ledger as it was"
run tag add seed@example.com vip
expect_rc 0
expect_eq "$(sql 'pragma journal_mode')" wal "a write command brings WAL back"
[ -e "$REFER_DB-journal" ] && fail "the journal of the killed import is still there"

# A writer killed after overwriting pages leaves a hot journal: a read-only command rolls it back.
before=$(dump_sum)
python3 -c 'import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE"); c.execute("PRAGMA cache_size = 5")
c.execute("BEGIN IMMEDIATE"); c.execute("UPDATE clients SET name = upper(name)")
os.kill(os.getpid(), 9)' "$REFER_DB"
[ -e "$REFER_DB-journal" ] || fail "the killed writer left no journal"
run show person7@company7.example --json
expect_rc 0 "a read with a hot journal"
expect_eq "$(echo "$OUT" | jq -r .name)" "Person 7 $(printf 'x%.0s' $(seq 60))" "the name as it was"
expect_eq "$(dump_sum)" "$before" "the hot journal was rolled back"
run tag remove seed@example.com vip
expect_eq "$(sql 'pragma journal_mode')" wal
before=$(dump_sum)

run import referrals more-referrals.csv --skip-invalid
expect_rc 0
expect_err_has "more-referrals.csv: 70,004 rows: 70,001 new, 1 updated, 0 unchanged, 2 rejected (T s)"
expect_eq "$(cut -d, -f3 more-referrals.csv.rejects.csv | tr '\n' ' ')" "referee_email LEAD5@prospect5.example twice@prospect.example " "the rejects file holds the two rows"
expect_eq "$(sql "select count(*) from referrals")" 160001
expect_eq "$(sql "select id, status, contacted_on from referrals where referee_email = 'twice@prospect.example'")" "90202|contacted|2026-02-10"
expect_eq "$(sql "select count(*) from referrals where referee_email = 'lead5@prospect5.example'")" 1
expect_eq "$(indexes)" "$expected" "indexes after the second bulk referral import"
expect_eq "$(sql "select what from events where entity = 'referral' and entity_id = 90202 order by id" | tr '\n' ' ')" "created status status_on contacted_on " "one event per change"
expect_eq "$(sql 'pragma integrity_check')" ok
expect_eq "$(sql 'pragma foreign_key_check')" "" "no dangling references after the second bulk load"
expect_eq "$(sql 'pragma journal_mode')" wal

# Another process has the ledger open: the bulk import stays in WAL and works the same.
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute("select count(*) from clients").fetchone(); time.sleep(20)' "$REFER_DB" &
holder=$!
sleep 0.5
run import referrals more-referrals.csv --skip-invalid
kill "$holder"; wait "$holder" 2>/dev/null
expect_rc 0
# Row 204 now contradicts referral 90202, which reached contacted (the file's next row).
expect_err_has "more-referrals.csv: 70,004 rows: 0 new, 0 updated, 70,001 unchanged, 3 rejected (T s)"
expect_eq "$(sql "select count(*) from referrals")" 160001
expect_eq "$(sql 'pragma journal_mode')" wal
finish
