#!/usr/bin/env bash
# refer payouts compute under the built-in default: create, idempotent, update, void, incremental = full.
. "$(dirname "$0")/lib.sh"

payouts() { sql "select id, referral_id, reward, amount, earned_on, due_on, status from payouts order by id" | tr '|\n' '  '; }

run add ann@acme.com --name 'Ann Acme' --company Acme
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-09-01
run submit --by ann@acme.com --name 'Bo Park' --email bo@initech.com --on 2026-09-02
run advance 1 won --on 2026-10-05 --value 15,000
run advance 2 meeting --on 2026-10-01

run payouts compute --json
expect_rc 0
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["created"], d["updated"], d["voided"], d["unchanged"], [p["amount_cents"] for p in d["payouts"]])')" \
  "3 0 0 0 [10000, 150000, 10000]" "first compute"
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["payouts"][1]["explanation"])')" \
  "signing bonus: 10% of \$15,000.00 = \$1,500.00 (cap \$2,000.00); built-in default program"
expect_eq "$(payouts)" "1 1 discovery call thanks 10000 2026-10-05 2026-11-04 pending 2 1 signing bonus 150000 2026-10-05 2026-11-04 pending 3 2 discovery call thanks 10000 2026-10-01 2026-10-31 pending "

run payouts compute
expect_err "payouts: 0 created, 0 updated, 0 voided, 3 unchanged" "second compute changes nothing"

# A dry run writes nothing.
run edit 1 --value 30,000
before=$(db_sum)
run payouts compute --dry-run
expect_err "payouts: 0 created, 1 updated, 0 voided, 2 unchanged (dry run: nothing written)"
expect_eq "$(db_sum)" "$before" "dry run"

# A pending payout follows its basis, with an event.
run payouts compute
expect_err "payouts: 0 created, 1 updated, 0 voided, 2 unchanged"
expect_eq "$(sql "select amount from payouts where id = 2")" "200000" "capped at 2,000"
expect_eq "$(sql "select what, old, new from events where entity = 'payout' and entity_id = 2 and what = 'amount'")" "amount|1500.00|2000.00"

# Lost: the won reward is void, the meeting reward stays earned.
run advance 1 lost --force --on 2026-11-01
run payouts compute
expect_err "payouts: 0 created, 0 updated, 1 voided, 2 unchanged"
expect_eq "$(sql "select status from payouts where id = 2")" "void"

# The incremental compute left what a full judgement leaves.
cp refer.db full.db
sqlite3 full.db "delete from payout_compute"
REFER_DB=$TMP/full.db run payouts compute
expect_err "payouts: 0 created, 0 updated, 0 voided, 2 unchanged" "full = incremental"

run payouts list --status pending --format csv
expect_out "id,referral,beneficiary,email,reward,kind,amount,earned_on,due_on,status,paid_on,reference,explanation
1,1,referrer,ann@acme.com,discovery call thanks,cash,100.00,2026-10-05,2026-11-04,pending,,,discovery call thanks: \$100.00 for reaching meeting; built-in default program
3,2,referrer,ann@acme.com,discovery call thanks,cash,100.00,2026-10-01,2026-10-31,pending,,,discovery call thanks: \$100.00 for reaching meeting; built-in default program"
run payouts list --status void
expect_out_has "signing bonus"
# show and export carry the payouts.
run show 1 --json
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print([(p["id"], p["status"]) for p in json.load(sys.stdin)["payouts"]])')" \
  "[(1, 'pending'), (2, 'void')]" "show REF"
run show ann@acme.com --json
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["payouts"]])')" "[1, 2, 3]" "show PERSON"
run show 1
expect_out_has "  #2        \$2,000.00  void     2026-10-05  due 2026-11-04  signing bonus: 10% of \$30,000.00"
run export payouts
expect_eq "$(echo "$OUT" | cut -d, -f1,5,7,10)" "id,reward,amount,status
1,discovery call thanks,100.00,pending
2,signing bonus,2000.00,void
3,discovery call thanks,100.00,pending" "export payouts"
run payouts list --status bogus
expect_rc 2 "unknown status"

# A percent reward on a stage before won reads the deal value set by that stage's date (SPEC
# 12), in a ledger of its own: none then is no payout; a later correction changes nothing.
export REFER_DB=$TMP/early.db
printf 'name = "early"\n[[rewards]]\nname = "share"\non = "meeting"\npercent = 12.5\n' >early.toml
run program load early.toml
run add a@x.com --name A
run submit --by a@x.com --name N1 --email n1@y.com --on 2026-01-05
run advance 1 meeting --on 2026-01-06
run advance 1 won --on 2026-02-01 --value 1000
run submit --by a@x.com --name N2 --email n2@y.com --on 2026-01-05
run advance 2 contacted --on 2026-01-06 --value 1000
run advance 2 meeting --on 2026-01-07
run edit 2 --value 3000
expect_rc 0 "the correction"
run payouts compute
expect_err "payouts: 1 created, 0 updated, 0 voided, 0 unchanged"
run payouts list --format csv
expect_eq "$(echo "$OUT" | cut -d, -f2,5,7,8)" "referral,reward,amount,earned_on
2,share,125.00,2026-01-07" "the value set by the meeting"
expect_out_has '"share: 12.5% of $1,000.00 = $125.00; program v1 ""early"""' "its explanation"
run report --month 2026-01 --json
expect_eq "$(echo "$OUT" | jq .payouts.earned_cents)" 12500 "earned in January"
finish
