#!/usr/bin/env bash
# refer tag promoters: window edges, latest response, stale tags removed, --nps in one transaction, --dry-run.
. "$(dirname "$0")/lib.sh"

for p in a b c d e f; do run add $p@x.com; done
cat > nps1.csv <<'CSV'
email,score,responded_on
a@x.com,9,2025-11-24
b@x.com,10,2025-11-23
c@x.com,6,2026-01-01
c@x.com,8,2026-06-01
d@x.com,10,2026-01-01
d@x.com,3,2026-11-23
e@x.com,7,2026-05-05
e@x.com,10,2026-11-24
CSV
run -q import nps nps1.csv
expect_rc 0
id() { sql "select id from clients where email='$1@x.com'"; }
# Tags left from an earlier run (stored before these responses).
sql "insert into tags (client_id, tag) values ($(id d), 'promoter'), ($(id f), 'passive')"
segments() { sql "select c.email || ' ' || t.tag from tags t join clients c on c.id = t.client_id where t.tag in ('promoter','passive','detractor') order by c.email"; }

# a: age 364 -> promoter; b: age 365 -> none; c: latest 8 -> passive; d: latest 3 today -> detractor;
# e: the 10 tomorrow is ignored, the 7 decides -> passive; f: no response -> none.
run tag promoters --json
expect_rc 0
expect_out '{
  "promoter": 1,
  "passive": 2,
  "detractor": 1,
  "none": 2
}'
expect_err "segments: 4 tags added, 2 removed"
expect_eq "$(segments)" "a@x.com promoter
c@x.com passive
d@x.com detractor
e@x.com passive"
expect_eq "$(sql "select entity_id || ' ' || what || ' ' || coalesce(old,'-') || ' ' || coalesce(new,'-') from events where what like 'tag %' order by id")" "$(id a) tag added - promoter
$(id c) tag added - passive
$(id d) tag removed promoter -
$(id d) tag added - detractor
$(id e) tag added - passive
$(id f) tag removed passive -"

# A day later: a's response is 365 days old, e's 10 is today's.
run --today 2026-11-24 tag promoters
expect_rc 0
expect_out "segment    people
promoter        1
passive         1
detractor       1
none            3"
expect_eq "$(segments)" "c@x.com passive
d@x.com detractor
e@x.com promoter"

# --dry-run: the counts, nothing written.
before=$(db_sum)
run tag promoters --dry-run --json
expect_rc 0
expect_out '{
  "promoter": 1,
  "passive": 2,
  "detractor": 1,
  "none": 2
}'
expect_err "segments: 2 tags added, 1 removed (dry run: nothing written)"
expect_eq "$(db_sum)" "$before" "dry run writes nothing"

# --nps with an invalid row: exit 1, neither the responses nor the segments change.
cat > nps2.csv <<'CSV'
email,score,responded_on
b@x.com,9,2026-11-20
nobody@x.com,9,2026-11-20
CSV
events=$(sql "select count(*) from events")
run --today 2026-11-24 tag promoters --nps nps2.csv
expect_rc 1
expect_out ""
expect_err_has 'nps2.csv:3: unknown person "nobody@x.com"'
expect_err_has "refer: error: nps2.csv: 1 invalid row; nothing imported"
expect_eq "$(db_sum)" "$before" "a failed import changes nothing"
expect_eq "$(sql "select count(*) from events")" "$events"

# --nps with a valid file: imported and segmented in one run; stdout holds only the segments.
cat > nps3.csv <<'CSV'
email,score,responded_on,comment
b@x.com,9,2026-11-20,"great, as always"
CSV
run --today 2026-11-24 tag promoters --nps nps3.csv --json
expect_rc 0
expect_out '{
  "promoter": 2,
  "passive": 1,
  "detractor": 1,
  "none": 2
}'
expect_err_has "nps3.csv: 1 rows: 1 new, 0 updated, 0 unchanged, 0 rejected"
expect_err_has "segments: 1 tag added, 0 removed"
expect_eq "$(sql "select score || ' ' || responded_on || ' ' || coalesce(comment, '-') from nps_responses where client_id=$(id b) order by responded_on")" "10 2025-11-23 -
9 2026-11-20 great, as always"
expect_eq "$(segments)" "b@x.com promoter
c@x.com passive
d@x.com detractor
e@x.com promoter"
finish
