#!/usr/bin/env bash
# The report's by_fit (SPEC 4, 8) on a scripted history: the priority, standard and unscored
# bands counted by the same dates as by_source, each referral banded by the threshold of the
# program version in force on its own submission day (a version raising it mid-year), a
# score of 0 still scored, bands without activity left out, and every format.
. "$(dirname "$0")/lib.sh"
export REFER_TODAY=2026-11-23

# Version 1 from 2026-01-01 (threshold 6), version 2 from 2026-07-01 (threshold 8).
printf 'name = "first"\npriority_fit_score = 6\n' >v1.toml
printf 'name = "stricter"\npriority_fit_score = 8\n' >v2.toml
run program load v1.toml --effective 2026-01-01
expect_rc 0 "version 1"
run program load v2.toml --effective 2026-07-01
expect_rc 0 "version 2"
run add ann@acme.com --name 'Ann Acme'
expect_rc 0 "add"

# submit NAME DAY FIT-OPTIONS...: a referral by Ann, its id in ID.
submit() {
  local name=$1 day=$2; shift 2
  run submit --by ann@acme.com --name "$name" --email "$name@example.com" --on "$day" "$@"
  expect_rc 0 "submit $name"
  ID=$(sql "SELECT id FROM referrals WHERE referee_email = '$name@example.com'")
}
advance() { run advance "$@"; expect_rc 0 "advance $*"; }

# a: 7 on 2026-03-01, priority under version 1 though 7 < 8 now; won in October.
submit a 2026-03-01 --industry 3 --role 2 --urgency
advance "$ID" won --on 2026-10-05 --value 10000
# b: 7 on 2026-08-01, standard under version 2; lost in October.
submit b 2026-08-01 --industry 3 --role 2 --urgency
advance "$ID" lost --on 2026-10-10 --reason 'no budget'
# c: 9 in October, priority, still open.
submit c 2026-10-02 --industry 3 --role 2 --size 2 --urgency
# d: 7 in October, standard (7 < 8).
submit d 2026-10-03 --industry 3 --role 2 --urgency
# e: unscored, submitted and won in October.
submit e 2026-10-04
advance "$ID" won --on 2026-10-20 --value 5000
# f: exactly 8 in October, priority at the threshold; lost in October.
submit f 2026-10-05 --industry 3 --role 3 --size 2
advance "$ID" lost --on 2026-10-25 --reason 'went elsewhere'
# g: a size of 0 is a score (0): standard, not unscored.
submit g 2026-10-06 --size 0
# h: 10 in September, won in November: outside October either way.
submit h 2026-09-30 --industry 3 --role 3 --size 2 --urgency
advance "$ID" won --on 2026-11-02 --value 7000

run report --month 2026-10 --json
expect_rc 0 "report"
expect_eq "$(echo "$OUT" | jq -c '.by_fit')" \
  '[{"band":"priority","submitted":2,"won":1,"lost":1,"close_rate":0.5},{"band":"standard","submitted":2,"won":0,"lost":1,"close_rate":0},{"band":"unscored","submitted":1,"won":1,"lost":0,"close_rate":1}]' \
  "by_fit of October"
# The bands add up to the period's numbers, as the sources do.
expect_eq "$(echo "$OUT" | jq -c '[.referrals.submitted, .referrals.won, .referrals.lost]')" '[5,2,2]' "totals"
expect_eq "$(echo "$OUT" | jq -c '[.by_source[] | [.source, .submitted, .won, .lost]]')" '[["client",5,2,2]]' \
  "by_source"
# The keys follow by_source, as SPEC 4 adds them.
expect_eq "$(echo "$OUT" | jq -c '[keys_unsorted[]] | .[index("by_source") + 1]')" '"by_fit"' "key order"

# Only bands with activity: September has h (priority, submitted) alone.
run report --month 2026-09 --json
expect_eq "$(echo "$OUT" | jq -c '.by_fit')" '[{"band":"priority","submitted":1,"won":0,"lost":0,"close_rate":null}]' \
  "September"
# And a period with nothing: an empty list.
run report --month 2026-05 --json
expect_eq "$(echo "$OUT" | jq -c '.by_fit')" '[]' "an empty month"

# The same in csv, table and Markdown.
run report --month 2026-10 --format csv
expect_rc 0
expect_eq "$(grep '^by_fit,' <<<"$OUT")" "by_fit,priority.submitted,2
by_fit,priority.won,1
by_fit,priority.lost,1
by_fit,priority.close_rate,0.5
by_fit,standard.submitted,2
by_fit,standard.won,0
by_fit,standard.lost,1
by_fit,standard.close_rate,0.0
by_fit,unscored.submitted,1
by_fit,unscored.won,1
by_fit,unscored.lost,0
by_fit,unscored.close_rate,1.0" "csv"
run report --month 2026-10
expect_eq "$(sed -n '/^By fit/,/^$/p' <<<"$OUT")" "By fit (priority: fit score >= priority_fit_score; unscored: never scored)
  band      submitted  won  lost  close rate
  priority          2    1     1  50.0%
  standard          2    0     1  0.0%
  unscored          1    1     0  100.0%" "table"
run report --month 2026-10 --format md
expect_eq "$(sed -n '/^## By fit/,/^| unscored/p' <<<"$OUT")" "## By fit

_priority: fit score >= priority_fit_score; unscored: never scored_

| band | submitted | won | lost | close rate |
| --- | ---: | ---: | ---: | --- |
| priority | 2 | 1 | 1 | 50.0% |
| standard | 2 | 0 | 1 | 0.0% |
| unscored | 1 | 1 | 0 | 100.0% |" "md"

# Scoring b after the fact moves it: a closed period uses current values (SPEC 12), and the
# band still comes from b's own submission day (version 2: 8 is priority).
run fit "$(sql "SELECT id FROM referrals WHERE referee_email = 'b@example.com'")" --size 1
expect_rc 0 "re-score b"
run report --month 2026-10 --json
expect_eq "$(echo "$OUT" | jq -c '[.by_fit[] | [.band, .submitted, .won, .lost]]')" \
  '[["priority",2,1,2],["standard",2,0,0],["unscored",1,1,0]]' "b re-scored to 8"

finish
