#!/usr/bin/env bash
# refer program load|show|list: one file:line:column error per bad file (nothing written),
# effective-dated versions, `program show` round trips, the JSON shapes.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the source tree}"

# Timestamps of loads are the clock's: masked to a fixed text of the same width.
mask_times() { sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/YYYY-MM-DDThh:mm:ssZ/g' <<<"$1"; }
sha_of() { sha256sum "$1" | cut -d' ' -f1; }

cat > v1.toml <<'EOF'
name = "2026 referral program"
payout_delay_days = 14

[[rewards]]
name = "discovery call thanks"
on = "meeting"
amount = 100.00
EOF
cat > v2.toml <<'EOF'
# From July: 7.5% of the deal, capped.
name = "July terms"
min_payout = 0.1

[[rewards]]
name = "signing bonus"
on = "won"
percent = 7.5
max = 1_500.00
EOF

# Read commands need a ledger, like every other read command; a dry run creates none.
run program show
expect_rc 1
expect_err "refer: error: no database at $REFER_DB (import or add people first, or pass --db)"
run program load v1.toml --dry-run --json
expect_rc 0
expect_err 'v1.toml: valid: "2026 referral program", effective from the beginning; nothing loaded (dry run)'
expect_out "{
  \"version\": null,
  \"name\": \"2026 referral program\",
  \"effective_on\": null,
  \"sha256\": \"$(sha_of v1.toml)\",
  \"dry_run\": true,
  \"loaded\": false
}"
[ -e "$REFER_DB" ] && fail "a dry run created the database"

# No program loaded: the built-in default, as a file that loads as it is.
run -q add ann@acme.com --name Ann
run program list
expect_rc 0
expect_out ""
expect_err "no program loaded: the built-in default is in force"
run program list --json
expect_out "[]"
run program show
expect_rc 0
expect_out "# The built-in default program: no program was loaded yet.
# Edit a copy of this file and load it with: refer program load FILE
$(cat "$FIXTURES/builtin-program.toml")"
"$REFER" program show > builtin.toml
run program show --json
builtin_json=$OUT
expect_eq "$(jq -c '[.version, .name, .effective_on, .loaded_at, .sha256, .referrer_cap_per_year_cents, .min_payout_cents]' <<<"$OUT")" \
  '[null,"built-in default",null,null,null,null,null]'
expect_eq "$(jq -c 'keys_unsorted' <<<"$OUT")" \
  '["version","name","effective_on","loaded_at","sha256","currency","payout_delay_days","contact_sla_days","priority_fit_score","priority_contact_sla_days","attribution_days","min_tenure_days","ask_cadence_days","top_referrer_cadence_days","max_unanswered_asks","promoter_min_score","nps_window_days","referrer_cap_per_year_cents","min_payout_cents","rewards","targets"]'
expect_eq "$(jq -c '.rewards[1]' <<<"$OUT")" \
  '{"name":"signing bonus","on":"won","to":"referrer","kind":"cash","amount_cents":null,"percent":"10","min_cents":null,"max_cents":200000,"tiers":null,"count_window":"calendar-year","at_count":null,"referrer_kinds":null}'
expect_eq "$(jq -c '.targets' <<<"$OUT")" \
  '[{"metric":"close_rate","min":0.4,"max":0.6},{"metric":"referral_revenue_share","min":0.2,"max":0.4},{"metric":"participation","min":0.15,"max":null}]'

# Bad files: exit 1, the one place and problem, the database byte for byte as it was.
before=$(db_sum)
bad() { # bad NAME EXPECTED-ERROR: program.toml holds the file
  run program load program.toml
  expect_rc 1 "$1"
  expect_err "refer: error: $2" "$1"
  expect_out "" "$1"
  expect_eq "$(db_sum)" "$before" "$1 leaves the database unchanged"
}
printf 'name = "p"\n\n[[rewards]]\nname = "thanks"\non = "meeting"\n        ammount = 100\n' > program.toml
bad "unknown key" 'program.toml:6:9: unknown key "ammount" in [[rewards]]'
printf 'name = "p"\n[[rewards]]\nname = "consolation"\non = "lost"\namount = 10\n' > program.toml
bad "on lost" 'program.toml:4:6: on = "lost": a reward is earned by reaching a stage of the pipeline, never by a loss (submitted, contacted, meeting, qualified, won)'
printf 'name = "p"\n[[rewards]]\nname = "bonus"\non = "won"\namount = 100\npercent = 10\n' > program.toml
bad "amount and percent" 'program.toml:6:1: reward "bonus": has both "amount" and "percent"; give exactly one of amount, percent, tiers'
printf 'name = "p"\n[[rewards]]\nname = "tiers"\non = "qualified"\ntiers = [ { from = 1, amount = 500 } ]\n' > program.toml
bad "tiers without won" 'program.toml:5:1: reward "tiers": "tiers" counts won referrals; it needs on = "won"'
printf 'name = "p"\n[[rewards]]\nname = "thanks"\non = "meeting"\namount = 100.005\n' > program.toml
bad "3 decimals" 'program.toml:5:10: amount = 100.005: money has at most 2 decimals'
printf 'name = "p"\n[[rewards]]\nname = "bonus"\non = "won"\namount = 1\n\n[[rewards]]\nname = "bonus"\non = "meeting"\namount = 2\n' > program.toml
bad "duplicate names" 'program.toml:8:8: duplicate reward name "bonus" (also on line 3): names must be unique'
printf 'name = "p"\n[targets]\nclose_rate = { min = 0.4, max = 0.6 }\nwin_rate = { min = 0.5 }\n' > program.toml
bad "bad target metric" 'program.toml:4:1: unknown target metric "win_rate" in [targets] (close_rate, referral_revenue_share, participation)'
printf 'name = "p"\n[targets]\nclose_rate = { min = 0.6, max = 0.4 }\n' > program.toml
bad "target min above max" 'program.toml:3:14: close_rate: min 0.6 is above max 0.4'
printf 'name = "p"\n[[rewards]\nname = "x"\n' > program.toml
bad "TOML syntax" "program.toml:2:11: TOML syntax error in table header: expected ']', saw '\\n'"
run program load missing.toml
expect_rc 1 "missing file"
expect_err "refer: error: missing.toml: cannot open: No such file or directory"
run program load .
expect_rc 1 "a directory"
expect_err "refer: error: .: cannot open: Is a directory"
run program load v1.toml --effective 2026-02-30
expect_rc 2 "bad --effective"
expect_err_has '"2026-02-30" is not a date'
expect_eq "$(db_sum)" "$before" "usage errors leave the database unchanged"

# The first load judges from the beginning of time.
run program load v1.toml --json
expect_rc 0
expect_err 'v1.toml: loaded as version 1 "2026 referral program", effective from the beginning'
expect_out "{
  \"version\": 1,
  \"name\": \"2026 referral program\",
  \"effective_on\": null,
  \"sha256\": \"$(sha_of v1.toml)\",
  \"dry_run\": false,
  \"loaded\": true
}"
# A dry run says what a load would do and writes nothing.
before=$(db_sum)
run program load v2.toml --effective 2026-07-01 --dry-run
expect_rc 0
expect_err 'v2.toml: valid: "July terms", effective 2026-07-01; nothing loaded (dry run)'
expect_eq "$(db_sum)" "$before" "a dry run writes nothing"
run program load v2.toml --effective 2026-07-01
expect_rc 0
expect_err 'v2.toml: loaded as version 2 "July terms", effective 2026-07-01'
expect_eq "$(sql "select id, name, coalesce(effective_on, '-'), sha256 from programs order by id")" \
  "1|2026 referral program|-|$(sha_of v1.toml)
2|July terms|2026-07-01|$(sha_of v2.toml)"
expect_eq "$(sql "select source from programs where id = 2")" "$(cat v2.toml)" "the file's full text is stored"
expect_eq "$(sql "select entity, entity_id, what, coalesce(old, '-'), new, on_date, user from events where entity = 'program' order by id")" \
  "program|1|loaded|-|2026 referral program (from the beginning)|2026-11-23|tester
program|2|loaded|-|July terms (effective 2026-07-01)|2026-07-01|tester"

# show: the version in force on a day, exactly as loaded, so that it round trips.
"$REFER" program show --on 2026-06-30 > shown.toml
cmp -s shown.toml v1.toml || fail "show --on 2026-06-30 is not v1.toml byte for byte"
"$REFER" program show --on 2026-07-01 > shown.toml
cmp -s shown.toml v2.toml || fail "show --on 2026-07-01 is not v2.toml byte for byte"
"$REFER" program show > shown.toml
cmp -s shown.toml v2.toml || fail "show (today) is not v2.toml"
run program show --on 2025-01-01 --json
expect_eq "$(jq -c '[.version, .name, .effective_on, .payout_delay_days, .min_payout_cents, .rewards[0].amount_cents]' <<<"$OUT")" \
  '[1,"2026 referral program",null,14,null,10000]'
expect_eq "$(jq -r '.loaded_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")' <<<"$OUT")" true "loaded_at is ISO 8601 UTC"
run program show --json
expect_eq "$(jq -c '[.version, .effective_on, .sha256, .min_payout_cents, .rewards[0].percent, .rewards[0].max_cents]' <<<"$OUT")" \
  "[2,\"2026-07-01\",\"$(sha_of v2.toml)\",10,\"7.5\",150000]"
run program show --on 2026-13-01
expect_rc 2 "bad --on"

# A file identical to the version in force on its effective day changes nothing.
before=$(db_sum)
run program load shown.toml --effective 2026-09-01 --json
expect_rc 0
expect_err 'shown.toml: nothing to load: identical to version 2 "July terms", in force on 2026-09-01'
expect_eq "$(jq -c '[.version, .effective_on, .loaded]' <<<"$OUT")" '[2,"2026-07-01",false]'
expect_eq "$(db_sum)" "$before" "an identical file writes nothing"
# Later loads default to today; the same text as an older version is a new version.
run program load v1.toml
expect_rc 0
expect_err 'v1.toml: loaded as version 3 "2026 referral program", effective 2026-11-23'
run program list
expect_rc 0
expect_eq "$(mask_times "$OUT")" "version  name                   effective_on  loaded_at             sha256        in_force
      1  2026 referral program                YYYY-MM-DDThh:mm:ssZ  $(sha_of v1.toml | cut -c1-12)  no
      2  July terms             2026-07-01    YYYY-MM-DDThh:mm:ssZ  $(sha_of v2.toml | cut -c1-12)  no
      3  2026 referral program  2026-11-23    YYYY-MM-DDThh:mm:ssZ  $(sha_of v1.toml | cut -c1-12)  yes"
run --today 2026-11-22 program list --format csv
expect_eq "$(mask_times "$OUT")" "version,name,effective_on,loaded_at,sha256,in_force
1,2026 referral program,,YYYY-MM-DDThh:mm:ssZ,$(sha_of v1.toml),false
2,July terms,2026-07-01,YYYY-MM-DDThh:mm:ssZ,$(sha_of v2.toml),true
3,2026 referral program,2026-11-23,YYYY-MM-DDThh:mm:ssZ,$(sha_of v1.toml),false"
run program list --json
expect_eq "$(jq -c '.[2] | keys_unsorted' <<<"$OUT")" '["version","name","effective_on","loaded_at","sha256","in_force"]'
expect_eq "$(jq -c '[.[] | [.version, .effective_on, .in_force, (.sha256 | length)]]' <<<"$OUT")" \
  '[[1,null,false,64],[2,"2026-07-01",false,64],[3,"2026-11-23",true,64]]'

# The built-in default's rendering loads as a program that judges the same.
export REFER_DB="$TMP/fresh.db"
run -q add bob@acme.com --name Bob
run program load builtin.toml
expect_rc 0
expect_err 'builtin.toml: loaded as version 1 "built-in default", effective from the beginning'
run program show --json
expect_eq "$(jq -c 'del(.version, .effective_on, .loaded_at, .sha256)' <<<"$OUT")" \
  "$(jq -c 'del(.version, .effective_on, .loaded_at, .sha256)' <<<"$builtin_json")" "built-in rendering round trips"

# The sample program loads.
run program load "$ROOT/sample-data/program.toml" --effective 2026-01-01
expect_rc 0
expect_err "$ROOT/sample-data/program.toml: loaded as version 2 \"Acme Consulting referral program 2026\", effective 2026-01-01"
run program show --json
expect_eq "$(jq -c '[.rewards[] | .name]' <<<"$OUT")" \
  '["discovery call thanks","signing bonus","partner commission","employee referral bonus","VIP status","welcome credit","charity donation"]'
expect_eq "$(jq -c '.rewards[3].tiers' <<<"$OUT")" '[{"from":1,"amount_cents":50000},{"from":2,"amount_cents":75000},{"from":4,"amount_cents":100000}]'
finish
