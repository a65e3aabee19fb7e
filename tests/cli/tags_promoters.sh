#!/usr/bin/env bash
# refer tag promoters: the latest NPS response within 365 days decides the one segment tag.
. "$(dirname "$0")/lib.sh"

run tag promoters
expect_rc 1
expect_err "refer: error: no database at $REFER_DB (import or add people first, or pass --db)"

# The sample data: 20 promoters, 6 passives, 4 detractors (sample-data/README.md).
run -q import clients "$ROOT/sample-data/clients.csv"
run -q import nps "$ROOT/sample-data/nps.csv"
run tag promoters
expect_rc 0
expect_out "segment    people
promoter       20
passive         6
detractor       4
none           30"
expect_err "segments: 30 tags added, 0 removed"
expect_eq "$(sql "select tag || ' ' || count(*) from tags where tag in ('promoter','passive','detractor') group by tag order by tag")" "detractor 4
passive 6
promoter 20"
expect_eq "$(sql "select count(*) from events where what='tag added' and new in ('promoter','passive','detractor')")" 30
expect_eq "$(sql "select count(*) from (select client_id from tags where tag in ('promoter','passive','detractor') group by client_id having count(*) > 1)")" 0 "one segment per person"
# Priya Raman: a 6 that became an 8.
expect_eq "$(sql "select tag from tags t join clients c on c.id=t.client_id where c.email='priya@ramantalent.com' and tag in ('promoter','passive','detractor')")" passive

# Idempotent: the second run changes nothing and records nothing.
before=$(db_sum)
events=$(sql "select count(*) from events")
run tag promoters --json
expect_rc 0
expect_out '{
  "promoter": 20,
  "passive": 6,
  "detractor": 4,
  "none": 30
}'
expect_err "segments: 0 tags added, 0 removed"
expect_eq "$(sql "select count(*) from events")" "$events" "second run records no event"
run tag promoters --format csv
expect_out "segment,people
promoter,20
passive,6
detractor,4
none,30"
expect_eq "$(sql "select count(*) from events")" "$events"
finish
