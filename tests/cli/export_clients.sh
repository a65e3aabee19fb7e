#!/usr/bin/env bash
# refer export clients: RFC 4180, ordered by id, formula guard unless --raw, --output,
# and a lossless round trip through import with --raw.
. "$(dirname "$0")/lib.sh"

run add zed@example.com --name "Zed, Jr." --company 'The "Best" Co' --kind partner --annual-value 1500 \
  --started-on 2024-01-15 --source referral --tag vip --tag promoter --external-id Z-1
expect_rc 0
run add amy@example.com --name $'Amy\nSecond line' --company "=HYPERLINK(\"x\")" --industry "+plus" \
  --annual-value 1234567.89 --ended-on 2025-06-30 --started-on 2020-02-29
expect_rc 0
run add ext:crm-7 --name "Zoë Ærø" --company "株式会社テスト" --industry "@home" --kind advisor --opened-on 2026-01-02
expect_rc 0
run add bob@example.com --name=-minus --company "@@at" --annual-value 0
expect_rc 0

header="email,name,company,industry,kind,annual_value,started_on,ended_on,source,referred_by,tags,external_id,opened_on"
run export clients
expect_rc 0
expect_out "$header
zed@example.com,\"Zed, Jr.\",\"The \"\"Best\"\" Co\",,partner,1500.00,2024-01-15,,referral,,promoter;vip,Z-1,
amy@example.com,\"Amy
Second line\",\"'=HYPERLINK(\"\"x\"\")\",'+plus,client,1234567.89,2020-02-29,2025-06-30,,,,,
,Zoë Ærø,株式会社テスト,'@home,advisor,,,,,,,crm-7,2026-01-02
bob@example.com,'-minus,'@@at,,client,0.00,,,,,,," "export clients (guarded, by id)"
expect_err "" "export to stdout prints no summary"
# Line ends are \n only, no BOM.
"$REFER" export clients > "$TMP/guarded.csv"
grep -q $'\r' "$TMP/guarded.csv" && fail "CR in csv export"
[ "$(head -c 3 "$TMP/guarded.csv" | od -An -tx1 | tr -d ' ')" != "efbbbf" ] || fail "BOM in csv export"
[ "$(tail -c 1 "$TMP/guarded.csv" | od -An -tx1 | tr -d ' ')" = "0a" ] || fail "csv does not end with a newline"

run export clients --raw
expect_rc 0
expect_out "$header
zed@example.com,\"Zed, Jr.\",\"The \"\"Best\"\" Co\",,partner,1500.00,2024-01-15,,referral,,promoter;vip,Z-1,
amy@example.com,\"Amy
Second line\",\"=HYPERLINK(\"\"x\"\")\",+plus,client,1234567.89,2020-02-29,2025-06-30,,,,,
,Zoë Ærø,株式会社テスト,@home,advisor,,,,,,,crm-7,2026-01-02
bob@example.com,-minus,@@at,,client,0.00,,,,,,," "export clients --raw"

# --output FILE: same bytes as stdout, summary on stderr.
"$REFER" export clients --raw > "$TMP/stdout.csv"
run export clients --raw --output "$TMP/first.csv"
expect_rc 0
expect_out ""
expect_err "$TMP/first.csv: 4 clients"
cmp -s "$TMP/stdout.csv" "$TMP/first.csv" || fail "--output differs from stdout"
run export clients --raw -o "$TMP/short.csv" -q
expect_rc 0
cmp -s "$TMP/stdout.csv" "$TMP/short.csv" || fail "-o differs from stdout"
run export clients --output "$TMP/no/such/dir/x.csv"
expect_rc 1 "unwritable --output"
expect_err_has "refer: error: $TMP/no/such/dir/x.csv"

# Round trip: import the raw export into an empty database, export again: byte-identical.
run --db "$TMP/second.db" import clients "$TMP/first.csv"
expect_rc 0 "re-import"
expect_err "$TMP/first.csv: 4 rows: 4 new, 0 updated, 0 unchanged, 0 rejected (T s)" "import accepts every exported column"
run --db "$TMP/second.db" export clients --raw --output "$TMP/second.csv"
expect_rc 0
cmp -s "$TMP/first.csv" "$TMP/second.csv" || fail "round trip differs: $(diff "$TMP/first.csv" "$TMP/second.csv")"
# Importing the export again into the first database changes nothing.
events=$(sql 'select count(*) from events')
run import clients "$TMP/first.csv"
expect_rc 0
expect_err "$TMP/first.csv: 4 rows: 0 new, 0 updated, 4 unchanged, 0 rejected (T s)"
expect_eq "$(sql 'select count(*) from events')" "$events" "re-import records nothing"

# JSON export: money in cents, absent values null.
run export clients --format json
expect_rc 0
expect_out_has '"annual_value_cents": 150000,'
expect_out_has '"annual_value_cents": null,'
expect_out_has '"tags": [
      "promoter",
      "vip"
    ],'
expect_out_has '"email": null,'
expect_out_has '"company": "=HYPERLINK(\"x\")",' "json is not guarded"
run export clients --json
expect_eq "$(echo "$OUT" | head -1)" "[" "--json export is an array"

# Ordered by id, not by email or name.
expect_eq "$(sql "select group_concat(coalesce(email, ''), ',') from (select email from clients order by id)")" \
  "zed@example.com,amy@example.com,,bob@example.com"

# Empty ledger: nothing in csv, [] in json.
run --db "$TMP/empty.db" add only@example.com -q
sqlite3 "$TMP/empty.db" "PRAGMA foreign_keys=OFF; DELETE FROM tags; DELETE FROM clients;"
run --db "$TMP/empty.db" export clients
expect_rc 0
expect_out "" "empty csv export"
run --db "$TMP/empty.db" export clients --json
expect_out "[]" "empty json export"
run --db "$TMP/empty.db" clients
expect_out "" "empty table"

finish
