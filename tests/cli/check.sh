#!/usr/bin/env bash
# refer check: silent on a sound ledger; one error line per problem (integrity, foreign keys,
# won without a deal value, history, payouts against the rules), exit 1, nothing written.
. "$(dirname "$0")/lib.sh"

run add ann@acme.com --name 'Ann Acme'
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-09-01
run submit --by ann@acme.com --name 'Bo Park' --email bo@hooli.com --on 2026-09-02
run advance 1 won --on 2026-10-05 --value 15,000 # payouts 1: $100, 2: $1,500
run payouts compute

run check
expect_rc 0 "a sound ledger"
expect_out ""
expect_err ""

# A missing ledger is an error, and check does not create one.
run --db "$TMP/none.db" check
expect_rc 1 "missing database"
[ ! -e "$TMP/none.db" ] || fail "check created a database"

# Changes since the last compute: one line, nothing written by the dry run.
run advance 2 meeting                             # would be payout 3: $100
before=$(db_sum)
run check
expect_rc 1 "not computed"
expect_err "refer: error: payouts are behind the ledger: refer payouts compute would create 1, update 0 and void 0"
expect_eq "$(db_sum)" "$before" "check writes nothing"
run payouts compute
run check
expect_rc 0 "computed again"
cp refer.db clean.db

# broken SQL: sets up one problem on a copy of the sound ledger.
broken() { cp clean.db refer.db; sql "$1"; }

broken "update payouts set amount = 100000 where id = 2"
before=$(db_sum)
run check
expect_rc 1 "amount edited outside refer"
expect_err "refer: error: payout 2 would be updated: amount 1000.00 -> 1500.00"
expect_eq "$(db_sum)" "$before" "check writes nothing"

broken "delete from payouts where id = 3"
run check
expect_rc 1 "payout deleted outside refer"
expect_err "refer: error: referral 2 would get a payout: discovery call thanks \$100.00"

broken "update referrals set deal_value = null where id = 1"
run check
expect_rc 1 "won without a deal value"
expect_err "refer: error: referral 1 is won but has no deal value
refer: error: payout 2 would be voided: signing bonus \$1,500.00 is no longer earned by referral 1"

broken "drop trigger events_are_append_only_d;
        delete from events where entity = 'referral' and entity_id = 2 and what = 'created';
        drop trigger events_are_append_only_u;
        create trigger events_are_append_only_u before update on events begin select 1; end;"
run check
expect_rc 1 "history"
expect_err "refer: error: the events are not append-only: trigger events_are_append_only_u no longer refuses UPDATE
refer: error: the events are not append-only: trigger events_are_append_only_d is missing
refer: error: referral 2 has no created event"

broken "pragma foreign_keys = off; update payouts set referral_id = 99 where id = 1"
run check
expect_rc 1 "foreign key"
expect_err "refer: error: payouts row 1: referral_id names a row of referrals that does not exist
refer: error: referral 1 would get a payout: discovery call thanks \$100.00
refer: error: payout 1 would be voided: discovery call thanks \$100.00 is no longer earned by referral 99"

# An index that no longer matches its table.
broken "pragma writable_schema = on;
        update sqlite_schema set sql = 'CREATE INDEX referrals_by_referrer ON referrals(status, referrer_id)'
        where name = 'referrals_by_referrer'"
run check
expect_rc 1 "integrity"
expect_err "refer: error: integrity: row 1 missing from index referrals_by_referrer
refer: error: integrity: row 2 missing from index referrals_by_referrer"

# Many problems of a kind: the first 20, then how many more.
broken "insert into referrals (referrer_id, source, submitted_on, status, status_on)
        select 1, 'client', '2026-11-01', 'submitted', '2026-11-01'
        from (with recursive n(i) as (select 1 union all select i + 1 from n where i < 22) select i from n)"
run check
expect_rc 1 "many"
expect_eq "$(grep -c 'has no created event' <<<"$ERR")" 20 "20 listed"
expect_eq "$(tail -n 1 <<<"$ERR")" "refer: error: ... and 2 more referrals without a created event"

# A ledger this user cannot write: the rules are not checked, and check says so. (Root writes
# any file: as root the check runs as nobody.)
cp clean.db ro.db
chmod 777 "$TMP" # SQLite creates ro.db-shm next to it
chmod 444 ro.db
as_reader=()
[ "$(id -u)" -ne 0 ] || as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
  "${as_reader[@]}" "$REFER" --db "$TMP/ro.db" check >"$TMP/.out" 2>"$TMP/.err"
  RC=$? OUT=$(cat "$TMP/.out") ERR=$(cat "$TMP/.err")
  expect_rc 1 "read-only ledger"
  expect_err "refer: error: payouts not checked against the rules: $TMP/ro.db: the ledger cannot be written: Permission denied (read commands still work)"
else
  echo "note: root without setpriv: the read-only case is not exercised" >&2
fi
finish
