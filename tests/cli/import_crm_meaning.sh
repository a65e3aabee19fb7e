#!/usr/bin/env bash
# A CRM column means what it means in the CRM (SPEC 5, issue 11): HubSpot's contacts view
# (Associated Company, Lifecycle Stage, Create Date vs Became a Customer Date, Annual Revenue),
# --all-stages, and Salesforce report footers of any text after blank lines.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/import

people() {
  sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" \
    "select external_id, email, name, company, annual_value, started_on, opened_on, source, kind from clients order by id"
}
fresh() { rm -f "$REFER_DB" "$REFER_DB"-wal "$REFER_DB"-shm; }

# --- HubSpot contacts view: only customers and evangelists are clients ------------------------
H=$F/hubspot-contacts-view.csv
fresh
run import clients "$H"
expect_rc 0 "hubspot contacts view"
expect_err "refer: warning: $H: ignoring columns: Phone Number, Contact owner, Associated Company IDs, Lead Status, Annual Revenue, Last Activity Date
refer: warning: $H: 6 rows skipped by lifecycle stage: lead 2, (none) 1, marketing qualified lead 1, opportunity 1, subscriber 1 (--all-stages imports them)
$H: 10 rows: 4 new, 0 updated, 0 unchanged, 0 rejected, 6 skipped (T s)" "hubspot contacts view"
# Associated Company is the company; Became a Customer Date is started_on, Create Date is
# opened_on; Annual Revenue (the company's) is not what the client pays.
expect_eq "$(people)" "30101|hannah.okoye@okoye-legal.com|Hannah Okoye|Okoye Legal LLP|null|2023-04-03|2023-02-14|null|client
30102|mateo@garcia-arquitectos.es|Mateo García|García Arquitectos, S.L.|null|2021-08-16|2021-06-30|null|client
30105|amara@nwosu-consulting.ng|Amara Nwosu|Nwosu Consulting|null|2025-01-13|2024-11-05|null|client
30109|null|Brennan|Brennan & Co|null|2022-03-01|2022-01-10|null|client" "hubspot contacts view: people"
expect_eq "$(sql "select count(*) from events")" 4 "one event per imported person"
run import clients "$H" --json -q
expect_rc 0 "hubspot re-import"
expect_out "{\"file\":\"$H\",\"rows\":10,\"new\":0,\"updated\":0,\"unchanged\":4,\"rejected\":0,\"skipped\":6}" "hubspot re-import"
expect_err "" "hubspot re-import, quiet"
expect_eq "$(sql "select count(*) from events")" 4 "re-import writes no event"

# --all-stages takes the leads too, on top of the clients already there.
run import clients "$H" --all-stages
expect_rc 0 "--all-stages"
expect_err "refer: warning: $H: ignoring columns: Phone Number, Contact owner, Associated Company IDs, Lead Status, Annual Revenue, Last Activity Date
$H: 10 rows: 6 new, 0 updated, 4 unchanged, 0 rejected (T s)" "--all-stages"
expect_eq "$(people | sed -n '5,$p')" "30103|priya.shah@northwind-analytics.com|Priya Shah|Northwind Analytics|null|null|2026-10-12|null|client
30104|lars@eriksen-byra.no|Lars Eriksen|Eriksen Byrå AS|null|null|2026-08-03|null|client
30106|zoe.martin@gmail.com|Zoe Martin|null|null|null|2026-09-01|null|client
30107|kenji@watanabe-kaikei.jp|Kenji Watanabe|Watanabe Kaikei|null|null|2026-11-03|null|client
30108|olga.ivanova@ivanova-hr.com|Olga Ivanova|Ivanova HR|null|null|2026-07-21|null|client
30110|tom@fischer-design.de|Tom Fischer|Fischer Design|null|null|2025-12-01|null|client" "--all-stages: people"

# --dry-run counts the skipped rows too; --map can still say Annual Revenue is the value.
fresh
run import clients "$H" --dry-run --json -q --map 'Annual Revenue=annual_value'
expect_rc 0 "dry run"
expect_out "{\"file\":\"$H\",\"rows\":10,\"new\":4,\"updated\":0,\"unchanged\":0,\"rejected\":0,\"skipped\":6,\"dry_run\":true}" "dry run"
[ -e "$REFER_DB" ] && fail "a dry run into a new ledger leaves no ledger"

# A malformed row of a lead is reported, not skipped.
printf '"Record ID","Email","Lifecycle Stage"\n"1","a@x.com","Customer"\n"2","b@x.com"\n"3","c@x.com","Lead"\n' >short.csv
run import clients short.csv
expect_rc 1 "short lead row"
expect_err 'refer: error: short.csv:3: 2 fields, but the header has 3
refer: warning: short.csv: 1 row skipped by lifecycle stage: lead 1 (--all-stages imports them)
refer: error: short.csv: 1 invalid row; nothing imported (--skip-invalid imports the valid rows)' "short lead row"

# Pipedrive's Label is a team's own picklist: a stage only when --map says so.
P=$F/pipedrive-persons.csv
fresh
run import clients "$P" --map 'Person - Label=lifecycle_stage'
expect_rc 0 "pipedrive labels as stages"
expect_err "refer: warning: $P: ignoring columns: Person - Phone - Work
refer: warning: $P: 3 rows skipped by lifecycle stage: cold lead 1, hot lead 1, warm lead 1 (--all-stages imports them)
$P: 7 rows: 4 new, 0 updated, 0 unchanged, 0 rejected, 3 skipped (T s)" "pipedrive labels as stages"
expect_eq "$(sql 'select external_id from clients order by id' | tr '\n' ' ')" "101 102 104 106 " "pipedrive customers"

# --- Salesforce report: a footer of any text after blank lines ----------------------------------
S=$F/salesforce-report-footer.csv
fresh
run import clients "$S"
expect_rc 0 "salesforce footer"
expect_err "refer: warning: $S: ignoring columns: Contact Owner, Salutation, Title, Account ID, Phone, Mailing City, Mailing Country, Last Activity, Account Type, Annual Revenue
$S: 4 rows: 4 new, 0 updated, 0 unchanged, 0 rejected (T s)" "salesforce footer"
expect_eq "$(people)" "0035g00000Lm2aAAAR|sofia.rossi@rossibianchi.it|Sofia Rossi|Rossi & Bianchi Studio Legale|null|null|2023-03-02|referral|client
0035g00000Lm2aBAAR|david.cohen@cohenbooks.com|David Cohen|Cohen Bookkeeping|null|null|2024-11-20|inbound|client
0035g00000Lm2aCAAR|aisha@bellohealth.ng|Aisha Bello|Bello Health Advisory|null|null|2022-07-07|event|client
0035g00000Lm2aDAAR|jonas.weber@weberlang.de|Jonas Weber|Weber, Lang & Partner|null|null|2025-01-09|outbound|client" "salesforce footer: people"

# Blank lines written as "" (no empty line at all), footer lines of any text, from stdin.
fresh
{ sed -n 1,5p "$S"; printf '""\n""\n"Report: Clients by Account"\n"Grand Totals (4 records)"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'; } >quoted-blanks.csv
run import clients - --preset salesforce <quoted-blanks.csv
expect_rc 0 "footer after quoted blank lines"
expect_err_has "stdin: 4 rows: 4 new, 0 updated, 0 unchanged, 0 rejected (T s)" "footer after quoted blank lines"

# A one-cell line between rows of data is no footer: an error naming its line.
T=$F/salesforce-report-stray-line.csv
before=$(db_sum)
run import clients "$T"
expect_rc 1 "one-cell line mid-data"
expect_err "refer: warning: $T: ignoring columns: Contact Owner, Salutation, Title, Account ID, Phone, Mailing City, Mailing Country, Last Activity, Account Type, Annual Revenue
refer: error: $T:5: 1 fields, but the header has 17
refer: error: $T: 1 invalid row; nothing imported (--skip-invalid imports the valid rows)" "one-cell line mid-data"
expect_eq "$(db_sum)" "$before" "a refused import leaves the ledger as it was"
run import clients "$T" --skip-invalid --rejects stray.rejects.csv -q
expect_rc 0 "one-cell line mid-data, --skip-invalid"
expect_eq "$(cat stray.rejects.csv)" "$(sed -n 1p "$T" | tr -d '\n'),error
\"Accounts - EMEA\",\"1 fields, but the header has 17\"" "the stray line is rejected, the footer is not"
finish
