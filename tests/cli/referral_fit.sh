#!/usr/bin/env bash
# refer fit and the fit options of submit (SPEC 4, "Referral fit"): scoring, re-scoring one
# part, range errors with the ledger unchanged, priority at the threshold and one below, a
# program version changing the threshold, --priority, due's order and SLA, and the import /
# export round trip with the fit columns.
. "$(dirname "$0")/lib.sh"
export REFER_TODAY=2026-11-23

run add ann@acme.com --name 'Ann Acme'
run submit --by ann@acme.com --name 'Sam Lee' --email sam@globex.com --on 2026-11-20
run submit --by ann@acme.com --name 'Kim Park' --email kim@initech.com --on 2026-11-22 --industry 3 --role 2 --urgency
expect_rc 0 "submit with fit options"
run submit --by ann@acme.com --name 'Lou Unscored' --email lou@hooli.com --on 2026-11-22

# Unscored: fit_score null, not priority.
run show 1 --json
expect_eq "$(echo "$OUT" | jq -c '[.fit_industry, .fit_role, .fit_size, .fit_urgency, .fit_score, .priority]')" \
  '[null,null,null,null,null,false]' "unscored"
# Scored at submission: 3 + 2 + 2 = 7, priority at the default 6.
run show 2 --json
expect_eq "$(echo "$OUT" | jq -c '[.fit_industry, .fit_role, .fit_size, .fit_urgency, .fit_score, .priority]')" \
  '[3,2,null,true,7,true]' "scored by submit"

# A fit changes only the parts it names; each change is an event.
run fit 1 --industry 2 --role 2
expect_rc 0
expect_err "referral 1: fit 4 (not priority)"
run fit 1 --size 1
expect_err "referral 1: fit 5 (not priority)"
run fit 1 --size 2
expect_err "referral 1: fit 6 (priority)" "at the threshold"
run fit 1 --size 1
expect_err "referral 1: fit 5 (not priority)" "one below"
run show 1 --json
expect_eq "$(echo "$OUT" | jq -c '[.fit_industry, .fit_role, .fit_size, .fit_urgency, .fit_score, .priority]')" \
  '[2,2,1,null,5,false]' "re-scored one part"
expect_eq "$(sql "SELECT count(*) FROM events WHERE entity = 'referral' AND entity_id = 1 AND what LIKE 'fit_%'")" 5 \
  "one event per changed part"
run fit 1 --size 1
expect_rc 0
expect_err "referral 1: fit 5 (not priority), nothing to change"
run fit 2 --no-urgency
expect_err "referral 2: fit 5 (not priority)" "--no-urgency takes the 2 points back"
run fit 2 --urgency
expect_err "referral 2: fit 7 (priority)"

# Out of range, or nothing named: exit 2 and the ledger as it was.
before=$(db_sum)
for args in "1 --industry 4" "1 --role -1" "1 --size 3" "1 --industry x" "1" "1 --urgency --no-urgency"; do
  # shellcheck disable=SC2086
  run fit $args
  expect_rc 2 "fit $args"
done
run submit --by ann@acme.com --name 'Bad Fit' --email bad@fit.com --size 5
expect_rc 2 "submit --size 5"
expect_eq "$(db_sum)" "$before" "the ledger after the refused fits"
run fit 99 --industry 1
expect_rc 1
expect_err 'refer: error: unknown referral "99"'

# --priority lists the priority referrals; the table shows the score, * when priority.
run referrals --priority --json
expect_eq "$(echo "$OUT" | jq -c 'map(.id)')" "[2]"
run referrals
expect_out "id  referrer      referee                       company  status     status_on   deal_value  fit
 1  ann@acme.com  Sam Lee <sam@globex.com>               submitted  2026-11-20              5
 2  ann@acme.com  Kim Park <kim@initech.com>             submitted  2026-11-22              7*
 3  ann@acme.com  Lou Unscored <lou@hooli.com>           submitted  2026-11-22"

# due: the priority referral is due after 0 days (1 day old) and listed first; the standard
# ones after 2 days (Sam, 3 days); Lou (1 day, unscored) is not due yet.
run due --format csv
expect_rc 0
expect_out "type,referral,email,name,since,days,payout
contact,2,kim@initech.com,Kim Park,2026-11-22,1,
contact,1,sam@globex.com,Sam Lee,2026-11-20,3,"

# A program version effective 2026-11-21 raises the threshold to 8: Kim (submitted 11-22)
# is no longer priority, and neither is Sam at 6: submitted before the first version, he is
# judged by it (SPEC 7).
cat >"$TMP/program.toml" <<'TOML'
name = "strict"
priority_fit_score = 8
TOML
run program load "$TMP/program.toml" --effective 2026-11-21
expect_rc 0
run referrals --priority --json
expect_out "[]"
run fit 1 --size 2
expect_err "referral 1: fit 6 (not priority)" "judged by the first version"
run due --format csv
expect_out "type,referral,email,name,since,days,payout
contact,1,sam@globex.com,Sam Lee,2026-11-20,3,"

# Export and import carry the four columns; the round trip is byte-identical.
run export referrals --raw
expect_rc 0
exported=$OUT
expect_eq "$(echo "$exported" | head -1)" \
  "referrer_email,referee_name,referee_email,referee_company,source,submitted_on,status,contacted_on,meeting_on,qualified_on,won_on,lost_on,deal_value,lost_reason,consent,note,fit_industry,fit_role,fit_size,fit_urgency"
expect_eq "$(echo "$exported" | sed -n 2,3p)" "ann@acme.com,Sam Lee,sam@globex.com,,client,2026-11-20,submitted,,,,,,,,false,,2,2,2,
ann@acme.com,Kim Park,kim@initech.com,,client,2026-11-22,submitted,,,,,,,,false,,3,2,,true"
echo "$exported" >"$TMP/referrals.csv"
REFER_DB="$TMP/copy.db" "$REFER" add ann@acme.com -q
REFER_DB="$TMP/copy.db" "$REFER" import referrals "$TMP/referrals.csv" -q || fail "import of the export"
expect_eq "$(REFER_DB="$TMP/copy.db" "$REFER" export referrals --raw)" "$exported" "round trip"

# A bad fit cell names the file, line and column.
printf 'referrer_email,referee_name,submitted_on,fit_industry,fit_urgency\nann@acme.com,X,2026-11-01,4,\nann@acme.com,Y,2026-11-01,1,maybe\n' >"$TMP/bad.csv"
before=$(db_sum)
run import referrals "$TMP/bad.csv"
expect_rc 1
expect_err_has "bad.csv:2: invalid fit_industry"
expect_err_has "bad.csv:3: invalid fit_urgency"
expect_eq "$(db_sum)" "$before" "the ledger after the refused import"

finish
