#!/usr/bin/env bash
# Importing the sample clients, listing them, re-importing changes nothing.
. "$(dirname "$0")/lib.sh"

run import clients "$ROOT/sample-data/clients.csv"
expect_rc 0
expect_err "$ROOT/sample-data/clients.csv: 60 rows: 60 new, 0 updated, 0 unchanged, 0 rejected (T s)"
expect_eq "$(sql 'select count(*) from clients')" 60
expect_eq "$(sql "select count(*) from events where entity='client' and what='created'")" 60
expect_eq "$(stat -c %a "$REFER_DB")" 600 "database mode"

before=$(db_sum)
events=$(sql 'select count(*) from events')
run import clients "$ROOT/sample-data/clients.csv" --json
expect_rc 0
expect_out "{\"file\":\"$ROOT/sample-data/clients.csv\",\"rows\":60,\"new\":0,\"updated\":0,\"unchanged\":60,\"rejected\":0,\"skipped\":0}"
expect_eq "$(sql 'select count(*) from events')" "$events" "re-import records no event"

run clients --kind partner --format csv
expect_rc 0
expect_eq "$(echo "$OUT" | head -1)" "email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on"
expect_eq "$(echo "$OUT" | wc -l)" 5 "4 partners and the header"

run show ext:crm-1042 --json
expect_rc 0
expect_out_has '"external_id": "crm-1042"'
expect_out_has '"email": null'

run clients --tag no-such-tag
expect_rc 0
expect_out ""
run clients --tag no-such-tag --json
expect_out "[]"
finish
