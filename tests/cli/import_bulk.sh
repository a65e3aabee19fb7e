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
finish
