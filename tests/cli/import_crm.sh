#!/usr/bin/env bash
# Real CRM and spreadsheet exports import as they come: HubSpot, Pipedrive, Salesforce (with
# its footer), German Excel (BOM, `;`, CRLF, decimal comma), cp1252 and UTF-16LE files.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/import

# people: every stored person, one line each, in insertion order.
people() {
  sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" \
    "select external_id, email, name, company, industry, annual_value, started_on, source, kind from clients order by id"
}
# crm_people: what the CRM presets set, creation dates (opened_on) included.
crm_people() {
  sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" \
    "select external_id, email, name, company, industry, annual_value, started_on, opened_on, source, kind from clients order by id"
}
fresh() { rm -f "$REFER_DB" "$REFER_DB"-wal "$REFER_DB"-shm; }

# --- HubSpot -------------------------------------------------------------------------------
fresh
run import clients "$F/hubspot-contacts.csv"
expect_rc 0 hubspot
# Create Date is when the contact was created (opened_on), Annual Revenue the company's
# revenue (not mapped); the Lead is no client (SPEC 5).
expect_err "refer: warning: $F/hubspot-contacts.csv: ignoring columns: Annual Revenue, Contact owner
refer: warning: $F/hubspot-contacts.csv: lead sources recorded as \"other\": Offline Sources, Other Campaigns
refer: warning: $F/hubspot-contacts.csv: 1 row skipped by lifecycle stage: lead 1 (--all-stages imports them)
$F/hubspot-contacts.csv: 8 rows: 7 new, 0 updated, 0 unchanged, 0 rejected, 1 skipped (T s)" hubspot
expect_eq "$(crm_people)" "12051|olivia.chen@brightpixel.agency|Olivia Chen|Bright Pixel Agency|Marketing and Advertising|null|null|2024-03-05|inbound|client
12077|jose.nunez@nunez-abogados.es|José Núñez|Núñez & Asociados|Law Practice|null|null|2023-11-20|referral|client
12102|marcus.webb@webblaw.com|Marcus Webb|Webb & Hale, LLP|Legal Services|null|null|2022-07-01|other|client
12140|priya@ramantalent.com|Priya Raman|Raman Talent Partners|Staffing and Recruiting|null|null|2025-01-08|inbound|client
12188|tomasz.kowalski@kowalski-it.pl|Tomasz Kowalski|Kowalski IT Solutions|Information Technology and Services|null|null|2024-12-31|inbound|client
12203|null|Hughes|Hughes Executive Search|Staffing and Recruiting|null|null|2021-03-22|other|client
12231|grace.okafor@okafor-advisory.com|Grace Okafor|Okafor Advisory|Management Consulting|null|null|2026-02-14|inbound|client" hubspot
expect_eq "$(sql "select typeof(external_id) from clients where external_id='12051'")" text "external id is text"
run show ext:12203 --json
expect_rc 0 "show ext:12203"
expect_out_has '"company": "Hughes Executive Search"'
before=$(db_sum)
run import clients "$F/hubspot-contacts.csv" --preset hubspot -q --json
expect_rc 0 "hubspot re-import"
expect_out "{\"file\":\"$F/hubspot-contacts.csv\",\"rows\":8,\"new\":0,\"updated\":0,\"unchanged\":7,\"rejected\":0,\"skipped\":1}"
expect_err "" "quiet re-import"

# --- Pipedrive -----------------------------------------------------------------------------
fresh
run import clients "$F/pipedrive-persons.csv"
expect_rc 0 pipedrive
expect_err "refer: warning: $F/pipedrive-persons.csv: ignoring columns: Person - Phone - Work, Person - Label
$F/pipedrive-persons.csv: 7 rows: 7 new, 0 updated, 0 unchanged, 0 rejected (T s)" pipedrive
# Person created is when the person was added to Pipedrive: opened_on, not started_on.
expect_eq "$(crm_people)" "101|noah.brooks@brooksbuild.io|Noah Brooks|Brooks Build Co|null|null|null|2024-01-15|null|client
102|soren.kjaergaard@gmail.com|Søren Kjærgaard|Kjærgaard Design ApS|null|null|null|2022-09-01|null|client
103|fatima@nakhla-hr.ae|Fatima Al-Sayed|Nakhla HR Consulting|null|null|null|2024-02-12|null|client
104|chloe@atelier-martin.fr|Chloé Martin|Atelier Martin|null|null|null|2023-01-23|null|client
105|null|Kwame Mensah|Mensah & Associates|null|null|null|2025-07-07|null|client
106|lucas.silva@silvatech.pt|Lucas Silva|SilvaTech Lda|null|null|null|2023-05-29|null|client
107|ava.kim@kimlaw.kr|Ava Kim|null|null|null|null|2026-09-16|null|client" pipedrive
expect_eq "$(sql 'select count(*) from tags')" 0 "Person - Label is not a tags column"

# --- Salesforce report with footer ----------------------------------------------------------
fresh
run import clients "$F/salesforce-contacts-report.csv"
expect_rc 0 salesforce
# The account's Annual Revenue is not mapped; Created Date (the contact record's) is opened_on.
expect_err "refer: warning: $F/salesforce-contacts-report.csv: ignoring columns: Annual Revenue
refer: warning: $F/salesforce-contacts-report.csv: lead sources recorded as \"other\": Purchased List
$F/salesforce-contacts-report.csv: 8 rows: 8 new, 0 updated, 0 unchanged, 0 rejected (T s)" salesforce
expect_eq "$(crm_people)" "0035g00000Kq1aBAAR|benjamin.clarke@clarkeconsult.co.uk|Benjamin Clarke|Clarke Strategy Ltd|Consulting|null|null|2024-01-15|inbound|client
0035g00000Kq1aCAAR|ruth.goldberg@goldbergtax.com|Ruth Goldberg|Goldberg Tax Services|Finance|null|null|2026-08-24|referral|client
0035g00000Kq1aDAAR|pierre.dubois@dubois-conseil.fr|Pierre Dubois|Dubois Conseil|Consulting|null|null|2020-05-11|event|client
0035g00000Kq1aEAAR|henry.adams@adamsadvisory.com|Henry Adams|Adams Advisory Group|Consulting|null|null|2019-09-23|outbound|client
0035g00000Kq1aFAAR|layla.hassan@hassanhr.com|Layla Hassan|Hassan Talent|Other|null|null|2024-06-17|referral|client
0035g00000Kq1aGAAR|lukas.novak@novakpeople.cz|Lukáš Novák|Novák People s.r.o.|Other|null|null|2023-08-14|other|client
0035g00000Kq1aHAAR|diego.morales@moralesmedia.co|Diego Morales|Morales Media|Media|null|null|2024-12-02|partner|client
0035g00000Kq1aIAAR|ingrid.berg@bergit.no|Ingrid Berg|Berg IT AS|Technology|null|null|2026-10-05|null|client" salesforce
run import clients "$F/salesforce-contacts-report.csv" --json -q
expect_out "{\"file\":\"$F/salesforce-contacts-report.csv\",\"rows\":8,\"new\":0,\"updated\":0,\"unchanged\":8,\"rejected\":0,\"skipped\":0}" "salesforce re-import"

# --- German Excel ---------------------------------------------------------------------------
fresh
run import clients "$F/german-excel.csv"
expect_rc 1 "german without options"
expect_err_has "refer: error: $F/german-excel.csv:2: invalid amount"
expect_err_has '"12.000,50" in column "annual_value"'
expect_err_has "refer: error: $F/german-excel.csv:2: invalid date \"31.12.2024\" in column \"started_on\" (dates are YYYY-MM-DD; for other forms give --date-format, e.g. %m/%d/%Y)"
[ -e "$REFER_DB" ] && fail "a failed import into a new database leaves no database behind"
run import clients "$F/german-excel.csv" --decimal-comma --date-format %d.%m.%Y
expect_rc 0 german
expect_err "$F/german-excel.csv: 7 rows: 7 new, 0 updated, 0 unchanged, 0 rejected (T s)" german
expect_eq "$(people)" "null|klaus.becker@becker-it.de|Becker, Klaus|Becker IT-Service|null|1200050|2024-12-31|null|client
null|anna.schmidt@schmidt-soehne.de|Anna Schmidt|Schmidt & Söhne; Steuerberatung|null|750000|2025-03-01|null|client
null|lena.wagner@wagner-gestaltung.de|Lena Wagner|Wagner Gestaltung|null|95000|2023-06-15|null|client
null|jürgen.weiß@müller-partner.de|Jürgen Weiß|Müller & Partner mbB|null|125000000|2019-11-05|null|client
null|sabine.koch@koch-recht.de|Dr. Sabine Koch|Koch Rechtsanwälte|null|null|2026-02-02|null|client
null|felix.braun@braun-media.de|Felix Braun|Braun \"Medienhaus\" GmbH|null|2400000|2026-10-20|null|client
null|oemer.yildiz@yildiz-consult.de|Ömer Yıldız|Yıldız Consulting|null|360075|2022-09-09|null|client" german
run show 'jürgen.weiß@müller-partner.de' --json
expect_rc 0 "internationalised email addresses a person"

# --- cp1252 -----------------------------------------------------------------------------------
fresh
run import clients "$F/excel-cp1252.csv"
expect_rc 1 "cp1252 read as UTF-8"
expect_err_has "refer: error: $F/excel-cp1252.csv:2: invalid UTF-8"
[ -e "$REFER_DB" ] && fail "cp1252 failure leaves no database behind"
run import clients "$F/excel-cp1252.csv" --encoding cp1252
expect_rc 0 cp1252
expect_err "$F/excel-cp1252.csv: 7 rows: 7 new, 0 updated, 0 unchanged, 0 rejected (T s)" cp1252
expect_eq "$(sqlite3 -batch -noheader -separator '|' "$REFER_DB" 'select email, name, company from clients order by id')" \
"rene.lefevre@lefevre-avocats.fr|René Lefèvre|Lefèvre Avocats
juergen.mueller@mueller-bau.de|Jürgen Müller|Müller Bau GmbH
nuria.penalosa@penalosa-diseno.es|Núria Peñalosa|Peñalosa Diseño, S.L.
bjorn.lokken@lokken-regnskap.no|Bjørn Løkken|Løkken Regnskap AS
claire.dupont@dupont-conseil.fr|Claire Dupont|Dupont Conseil – Stratégie
frank.oshea@osheabooks.ie|Frank O’Shea|O’Shea & Co Bookkeeping
siobhan.kelly@fixedfee.ie|Siobhán Kelly|Fixed Fee €99 Accounting" cp1252
# With an existing database, the refused import changes nothing.
before=$(db_sum)
run import clients "$F/excel-cp1252.csv"
expect_rc 1 "cp1252 again as UTF-8"
expect_eq "$(db_sum)" "$before" "refused import leaves the database unchanged"

# --- UTF-16LE, tab-delimited -------------------------------------------------------------------
fresh
run import clients "$F/excel-unicode.txt"
expect_rc 0 utf16
expect_err "$F/excel-unicode.txt: 6 rows: 6 new, 0 updated, 0 unchanged, 0 rejected (T s)" utf16
expect_eq "$(sqlite3 -batch -noheader -separator '|' "$REFER_DB" 'select email, name, company, started_on from clients order by id')" \
"dmitri.ivanov@ivanov-consult.ru|Дмитрий Иванов|Иванов Консалтинг|2024-03-15
wei.zhang@zhang-design.cn|张伟|张伟设计工作室|2023-07-01
haruto.suzuki@suzuki-kaikei.jp|鈴木 陽翔|鈴木会計事務所|2025-02-10
ana.popescu@popescu-asociatii.ro|Ana Popescu|Popescu & Asociații|2022-10-03
thomas.reid@reidmarsh.co.uk|Thomas Reid|Reid, Marsh & Co|2021-05-17
maya.green@leafstudio.co|Maya Green|Leaf 🌿 Studio|2026-04-20" utf16

# --- Lead-source mapping: rule order, case, unknown values listed once -------------------------
fresh
printf 'email,source\na@x.com,WORD OF MOUTH\nb@x.com,Partner referral\nc@x.com,Partner webinar\nd@x.com,Conference\ne@x.com,Organic search\nf@x.com,Cold email\ng@x.com,Billboard\nh@x.com,billboard\ni@x.com,Billboard\nj@x.com,\nk@x.com,Email Marketing\nl@x.com,Outbound\nm@x.com,Yellow pages\n' >sources.csv
run import clients sources.csv
expect_rc 0 sources
expect_err "refer: warning: sources.csv: lead sources recorded as \"other\": Billboard, Yellow pages, billboard
sources.csv: 13 rows: 13 new, 0 updated, 0 unchanged, 0 rejected (T s)" sources
expect_eq "$(sqlite3 -batch -noheader -nullvalue null "$REFER_DB" "select group_concat(ifnull(source,'null'), ' ') from (select source from clients order by id)")" \
  "referral referral partner event inbound outbound other other other null inbound outbound other" sources

# --- Updates: only mapped columns change ----------------------------------------------------------
printf 'email,company\nA@X.com,Acme\nb@x.com,\n' >update.csv
run import clients update.csv
expect_rc 0 update
expect_err "update.csv: 2 rows: 0 new, 1 updated, 1 unchanged, 0 rejected (T s)" update
expect_eq "$(sqlite3 -batch -noheader -nullvalue null -separator '|' "$REFER_DB" "select email, company, source from clients where email in ('a@x.com','b@x.com') order by id")" \
"a@x.com|Acme|referral
b@x.com|null|referral" update
finish
