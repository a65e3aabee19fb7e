#!/usr/bin/env bash
# Four processes in loops on one ledger: submit, advance, a small people import and a
# listing. Every exit is 0 or 3 (busy); every write that exited 0 is in the ledger afterwards
# and every one that exited 3 left nothing; a reader only ever sees whole transactions.
# (cron_concurrent.sh covers nudge --record next to writers; this covers the other writers.)
. "$(dirname "$0")/lib.sh"
# Counts read next to writers wait for them rather than fail.
sql() { sqlite3 -batch -noheader -cmd '.timeout 10000' "$REFER_DB" "$1"; }

N=${CONCURRENT_ROUNDS:-120} # rounds of each loop
BATCH=7                     # people per import: one transaction each, tagged batchI

# 40 referrers, and 40 referrals for the advance loop to move (ids 1..40).
{ echo "email,name"; for i in $(seq 1 40); do echo "r$i@clients.example,Referrer $i"; done; } >people.csv
{ echo "referrer_email,referee_name,referee_email,submitted_on"
  for i in $(seq 1 40); do echo "r$i@clients.example,Seed $i,seed$i@prospects.example,2026-11-01"; done; } >seeds.csv
run -q import clients people.csv
expect_rc 0
run -q import referrals seeds.csv
expect_rc 0
base_people=$(sql 'SELECT count(*) FROM clients')

# Half of every loop's calls give up quickly (exit 3 is then likely), half wait long.
timeout_of() { if [ $(($1 % 2)) -eq 0 ]; then echo 30; else echo 10000; fi; }

# Each loop logs one line per call: the call, its exit status, and what it wrote.
submit_loop() {
  local i rc id
  for i in $(seq 1 "$N"); do
    id=$(REFER_BUSY_TIMEOUT_MS=$(timeout_of "$i") "$REFER" submit --by "r$((i % 40 + 1))@clients.example" \
         --name "Lead $i" --email "lead$i@prospects.example" 2>>submit.err)
    rc=$?
    echo "$i $rc ${id:--}"
  done >submit.log
}

advance_loop() {
  local i rc ref next stage=() steps=(contacted meeting qualified lost)
  for i in $(seq 1 40); do stage[i]=0; done
  for i in $(seq 1 "$N"); do
    ref=$((i % 40 + 1))
    [ "${stage[ref]}" -ge 4 ] && continue # lost: done
    next=${steps[stage[ref]]}
    REFER_BUSY_TIMEOUT_MS=$(timeout_of "$i") "$REFER" -q advance "$ref" "$next" 2>>advance.err
    rc=$?
    [ "$rc" -eq 0 ] && stage[ref]=$((stage[ref] + 1))
    echo "$i $rc $ref $next"
  done >advance.log
}

import_loop() {
  local i j rc
  for i in $(seq 1 "$N"); do
    { echo "email,name,tags"; for j in $(seq 1 $BATCH); do echo "p$i-$j@imports.example,Person $i $j,batch$i"; done; } >"batch$i.csv"
    REFER_BUSY_TIMEOUT_MS=$(timeout_of "$i") "$REFER" -q import clients "batch$i.csv" 2>>import.err
    rc=$?
    echo "$i $rc"
  done >import.log
}

# A reader sees whole transactions: the people beyond the first are whole batches, each batch
# (one tag) all there or not at all; a referral's status always has its stage date.
listing_loop() {
  local i rc bad
  for i in $(seq 1 "$N"); do
    if [ $((i % 2)) -eq 0 ]; then
      "$REFER" clients --format csv >listing.out 2>>listing.err
      rc=$?
      bad=$(awk -F, -v base="$base_people" -v batch=$BATCH 'NR == 1 { for (c = 1; c <= NF; c++) if ($c == "tags") t = c; next }
        { rows++; if ($t ~ /^batch/) per[$t]++ }
        END { if ((rows - base) % batch) print "people", rows
              for (t in per) if (per[t] != batch) print t, per[t] }' listing.out | tr '\n' ' ')
    else
      "$REFER" referrals --format csv >listing.out 2>>listing.err
      rc=$?
      bad=$(awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
        $col["status"] != "submitted" && $(col[$col["status"] "_on"]) == "" { print $1, $col["status"] }' listing.out | tr '\n' ' ')
    fi
    echo "$i $rc ${bad:-ok}"
  done >listing.log
}

submit_loop & p1=$!
advance_loop & p2=$!
import_loop & p3=$!
listing_loop & p4=$!
wait $p1 $p2 $p3 $p4

for loop in submit advance import listing; do
  codes=$(awk '{ print $2 }' $loop.log | sort | uniq -c | awk '{ printf "exit %s: %s; ", $2, $1 }')
  echo "$loop: $(wc -l <$loop.log) calls; $codes"
  others=$(awk '$2 != 0 && $2 != 3' $loop.log)
  [ -z "$others" ] || fail "$loop: exits other than 0 and 3: $(head -3 <<<"$others") $(head -3 $loop.err)"
  # Exit 3 says why, and only that.
  if grep -qv "the database is locked by another process; try again" $loop.err 2>/dev/null; then
    fail "$loop: unexpected messages: $(grep -v 'locked by another process' $loop.err | head -3)"
  fi
done
[ "$(wc -l <submit.log)" -eq "$N" ] || fail "the submit loop did not finish"
[ "$(wc -l <import.log)" -eq "$N" ] || fail "the import loop did not finish"

# Submit: exit 0 printed the id, which is the referee's referral; exit 3 printed nothing and
# recorded nothing.
while read -r i rc id; do
  got=$(sql "SELECT id FROM referrals WHERE referee_email = 'lead$i@prospects.example'")
  case $rc in
    0) [ "$got" == "$id" ] || fail "submit $i exited 0 with id $id; the ledger has [$got]" ;;
    3) [ "$id" == "-" ] && [ -z "$got" ] || fail "submit $i exited 3; printed [$id], ledger has [$got]" ;;
  esac
done <submit.log

# Advance: each referral has exactly the moves that exited 0, in order, one status event each.
for ref in $(seq 1 40); do
  want=$(awk -v r="$ref" '$2 == 0 && $3 == r { print $4 }' advance.log | tr '\n' ' ')
  got=$(sql "SELECT new FROM events WHERE entity = 'referral' AND entity_id = $ref AND what = 'status' ORDER BY id" | tr '\n' ' ')
  [ "$got" == "$want" ] || fail "referral $ref: moves that exited 0 [$want], status events [$got]"
  last=$(awk '{ print $NF }' <<<"${want:-submitted}")
  [ "$(sql "SELECT status FROM referrals WHERE id = $ref")" == "$last" ] || fail "referral $ref is not $last"
done

# Import: a batch that exited 0 is all there, one that exited 3 is not there at all.
while read -r i rc; do
  got=$(sql "SELECT count(*) FROM clients WHERE email LIKE 'p$i-%@imports.example'")
  tagged=$(sql "SELECT count(*) FROM tags WHERE tag = 'batch$i'")
  case $rc in
    0) [ "$got" -eq $BATCH ] && [ "$tagged" -eq $BATCH ] || fail "import $i exited 0: $got people, $tagged tagged" ;;
    3) [ "$got" -eq 0 ] && [ "$tagged" -eq 0 ] || fail "import $i exited 3 but left $got people" ;;
  esac
done <import.log

# Listing: every read whole (and there were reads of both kinds).
bad=$(awk '$2 == 0 && $3 != "ok"' listing.log)
[ -z "$bad" ] || fail "a reader saw a half-written state: $(head -3 <<<"$bad")"
[ "$(awk '$2 == 0' listing.log | wc -l)" -gt 0 ] || fail "no listing succeeded"

# Every successful call is one transaction of the ledger, with its events.
ok_submits=$(awk '$2 == 0' submit.log | wc -l)
expect_eq "$(sql "SELECT count(*) FROM referrals")" $((40 + ok_submits)) "referrals: the seeds and the submits that exited 0"
ok_imports=$(awk '$2 == 0' import.log | wc -l)
expect_eq "$(sql "SELECT count(*) FROM clients")" $((base_people + BATCH * ok_imports)) "people: whole batches"
expect_eq "$(sql "SELECT count(*) FROM events WHERE entity = 'client' AND what = 'created'")" $((base_people + BATCH * ok_imports))
expect_eq "$(sql 'PRAGMA integrity_check')" ok
finish
