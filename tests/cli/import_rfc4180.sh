#!/usr/bin/env bash
# RFC 4180 (tests/fixtures/rfc4180): every corner case (quoted delimiters, escaped quotes, embedded LF and
# CRLF, UTF-8, empty cells, no final newline) imports byte-exactly. Columns are mapped in order
# onto external_id, name, company, industry; a fifth column is ignored with a warning. The
# export must equal the expected JSON (an empty string there is an absent value: null).
. "$(dirname "$0")/lib.sh"
CASES=$FIXTURES/rfc4180

fields=(external_id name company industry)
count=0
for csv in "$CASES"/csvs/*.csv; do
  name=$(basename "$csv" .csv)
  count=$((count + 1))
  rm -f "$REFER_DB" "$REFER_DB"-wal "$REFER_DB"-shm
  header=$(python3 -c 'import csv,sys; print("\n".join(next(csv.reader(open(sys.argv[1], newline="")))))' "$csv")
  maps=()
  i=0
  extra=()
  while IFS= read -r column; do
    if [ "$i" -lt 4 ]; then maps+=(--map "$column=${fields[$i]}"); else extra+=("$column"); fi
    i=$((i + 1))
  done <<<"$header"
  records=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$CASES/json/$name.json")

  run import clients "$csv" "${maps[@]}"
  expect_rc 0 "$name"
  if [ ${#extra[@]} -gt 0 ]; then
    expect_err "refer: warning: $csv: ignoring columns: ${extra[*]}
$csv: $records rows: $records new, 0 updated, 0 unchanged, 0 rejected (T s)" "$name"
  else
    expect_err "$csv: $records rows: $records new, 0 updated, 0 unchanged, 0 rejected (T s)" "$name"
  fi

  for format in json csv; do
    run export clients --raw --format "$format"
    expect_rc 0 "$name export $format"
    "$REFER" export clients --raw --format "$format" >"$TMP/export.$format"
    python3 - "$CASES/json/$name.json" "$TMP/export.$format" "$format" <<'EOF' || fail "$name: $format export differs from the expected JSON"
import csv, json, sys
expected = json.load(open(sys.argv[1], encoding="utf-8"))
fields = ["external_id", "name", "company", "industry"]
if sys.argv[3] == "json":
    got = json.load(open(sys.argv[2], encoding="utf-8"))
else:
    with open(sys.argv[2], encoding="utf-8", newline="") as f:
        got = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]
want = []
for rec in expected:
    values = list(rec.values())
    person = {f: None for f in fields}
    for f, v in zip(fields, values):
        person[f] = v if v != "" else None
    want.append(person)
have = [{f: p.get(f) for f in fields} for p in got]
if have != want:
    print("expected:", json.dumps(want, ensure_ascii=False), file=sys.stderr)
    print("got:     ", json.dumps(have, ensure_ascii=False), file=sys.stderr)
    sys.exit(1)
for p in got:
    assert p.get("email") in (None, ""), p
    assert p.get("kind") == "client", p
EOF
  done

  # Re-importing the same file changes nothing.
  run import clients "$csv" "${maps[@]}" -q --json
  expect_rc 0 "$name re-import"
  expect_out "{\"file\":\"$csv\",\"rows\":$records,\"new\":0,\"updated\":0,\"unchanged\":$records,\"rejected\":0,\"skipped\":0}" "$name re-import"
done
expect_eq "$count" 13 "RFC 4180 cases tested"

# The embedded CRLF and LF are stored byte-exactly.
rm -f "$REFER_DB"
run import clients "$CASES/csvs/newlines_crlf.csv" --map a=external_id --map b=name --map c=company -q
expect_rc 0
expect_eq "$(sql "select hex(external_id) from clients where external_id like 'Line%'")" \
  "$(printf 'Line\r\nbreak' | xxd -p | tr a-f A-F)" "CRLF inside quotes"
run show "ext:1" --json
expect_rc 0
expect_out_has '"name": "2"'
finish
