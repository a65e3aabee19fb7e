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
before=$(db_sum)
run import referrals more-referrals.csv
expect_rc 1
expect_err 'refer: error: more-referrals.csv:103: lead5@prospect5.example was already referred by person5@company5.example on 2026-01-05 (referral 6); the first referral within 365 days wins
refer: error: more-referrals.csv:406: twice@prospect.example was already referred by person1@company1.example on 2026-02-01 (referral 90202); the first referral within 365 days wins
refer: error: more-referrals.csv: 2 invalid rows; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(db_sum)" "$before" "a refused bulk import leaves the ledger as it was"

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
finish
