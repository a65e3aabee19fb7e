#!/usr/bin/env bash
# refer tag add|remove|list: lowercase tags, events for every change, no-ops silent, refusals change nothing.
. "$(dirname "$0")/lib.sh"

# No database yet: exit 1, and none is created.
run tag add jane@acme.com vip
expect_rc 1
expect_err "refer: error: no database at $REFER_DB (import or add people first, or pass --db)"
[ ! -e "$REFER_DB" ] || fail "tag add created a database"

run add jane@acme.com --name "Jane Doe" --tag retainer
run add ext:crm-7 --name "No Email"
# The tag events of person $1 recorded by this script's tag commands (after the adds).
tag_events() { sql "select what || '|' || coalesce(old,'') || '|' || coalesce(new,'') || '|' || user from events where what like 'tag %' and entity_id=$1 and id > $start order by id"; }
jane=$(sql "select id from clients where email='jane@acme.com'")
noemail=$(sql "select id from clients where external_id='crm-7'")
start=$(sql "select max(id) from events")

run tag add JANE@acme.com VIP case-study,Germany "big fish"
expect_rc 0
expect_out ""
expect_err "jane@acme.com: added vip, case-study, germany, big-fish"
expect_eq "$(sql "select group_concat(tag, ' ') from (select tag from tags where client_id=$jane order by tag)")" "big-fish case-study germany retainer vip"
expect_eq "$(tag_events $jane)" "tag added||vip|tester
tag added||case-study|tester
tag added||germany|tester
tag added||big-fish|tester"

# Adding an existing tag is a no-op without an event.
events=$(sql "select count(*) from events")
run tag add jane@acme.com vip retainer
expect_rc 0
expect_err "jane@acme.com: already tagged vip, retainer"
expect_eq "$(sql "select count(*) from events")" "$events" "no event for a no-op add"

run tag remove jane@acme.com germany nosuchtag
expect_rc 0
expect_out ""
expect_err "jane@acme.com: removed germany
jane@acme.com: not tagged nosuchtag"
expect_eq "$(sql "select count(*) from tags where client_id=$jane and tag='germany'")" 0
expect_eq "$(sql "select what || '|' || old || '|' || coalesce(new,'null') from events order by id desc limit 1")" "tag removed|germany|null"
expect_eq "$(sql "select count(*) from events")" "$((events + 1))" "one event for one removal"

run -q tag add ext:crm-7 vip
expect_rc 0
expect_err ""
expect_eq "$(tag_events $noemail)" "tag added||vip|tester"

# Refusals: unknown person (1), segment tags (1), invalid tags (2); nothing changes.
before=$(db_sum)
events=$(sql "select count(*) from events")
run tag add nobody@acme.com vip
expect_rc 1
expect_err 'refer: error: unknown person "nobody@acme.com"'
run tag add ext:nope vip
expect_rc 1
expect_err 'refer: error: unknown person "ext:nope"'
run tag add jane@acme.com vip Promoter
expect_rc 1
expect_err "refer: error: \"promoter\" is an NPS segment tag: 'refer tag promoters' sets it from the NPS responses, it cannot be set or removed by hand"
run tag remove jane@acme.com detractor
expect_rc 1
expect_err_has '"detractor" is an NPS segment tag'
run tag add jane@acme.com ";"
expect_rc 2
expect_err 'refer: error: invalid tag ";"'
run tag add jane@acme.com
expect_rc 2
expect_eq "$(db_sum)" "$before" "refusals leave the database as it was"
expect_eq "$(sql "select count(*) from events")" "$events"

# tag list: every tag with its count, ordered by tag.
run tag list
expect_rc 0
expect_out "tag         people
big-fish         1
case-study       1
retainer         1
vip              2"
run tag list --format csv
expect_out "tag,people
big-fish,1
case-study,1
retainer,1
vip,2"
run tag list --json
expect_out '[
  {
    "tag": "big-fish",
    "people": 1
  },
  {
    "tag": "case-study",
    "people": 1
  },
  {
    "tag": "retainer",
    "people": 1
  },
  {
    "tag": "vip",
    "people": 2
  }
]'

# tag list TAG: the people carrying it (the people listing), uppercase accepted.
run tag list VIP --format csv
expect_rc 0
expect_out "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on
jane@acme.com,Jane Doe,,,client,,,,,,big-fish;case-study;retainer;vip,,
,No Email,,,client,,,,,,vip,crm-7,"
run tag list vip --json
expect_eq "$(echo "$OUT" | python3 -c 'import json,sys; print([(p["email"], p["external_id"], p["tags"]) for p in json.load(sys.stdin)])')" \
  "[('jane@acme.com', None, ['big-fish', 'case-study', 'retainer', 'vip']), (None, 'crm-7', ['vip'])]"

# Empty listings: nothing in table and csv, [] in json.
run tag list nosuchtag
expect_rc 0
expect_out ""
run tag list nosuchtag --format csv
expect_out ""
run tag list nosuchtag --json
expect_out "[]"
run tag remove jane@acme.com big-fish case-study retainer vip
run tag remove ext:crm-7 vip
run tag list
expect_rc 0
expect_out ""
run tag list --json
expect_out "[]"
finish
