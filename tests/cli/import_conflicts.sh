#!/usr/bin/env bash
# A row whose email is one person's and whose external_id is another's is an invalid row
# (named by file and line), not a database error.
. "$(dirname "$0")/lib.sh"

printf 'email,name,external_id\nann@acme.com,Ann,crm-1\nbob@acme.com,Bob,crm-2\n' > people.csv
run import clients people.csv -q
expect_rc 0

printf 'email,name,external_id\nann@acme.com,Ann Lee,crm-1\nbob@acme.com,Bob,crm-1\n' > mixed.csv
before=$(db_sum)
run import clients mixed.csv
expect_rc 1
expect_err 'refer: error: mixed.csv:3: external_id "crm-1" already belongs to ann@acme.com
refer: error: mixed.csv: 1 invalid row; nothing imported (--skip-invalid imports the valid rows)'
expect_eq "$(db_sum)" "$before" "the database is unchanged"

run import clients mixed.csv --skip-invalid
expect_rc 0
expect_err 'refer: error: mixed.csv:3: external_id "crm-1" already belongs to ann@acme.com
mixed.csv: 2 rows: 0 new, 1 updated, 0 unchanged, 1 rejected (T s)'
expect_eq "$(cat mixed.csv.rejects.csv)" 'email,name,external_id,error
bob@acme.com,Bob,crm-1,"external_id ""crm-1"" already belongs to ann@acme.com"'
expect_eq "$(sql "select email || ':' || external_id from clients order by id" | tr '\n' ' ')" "ann@acme.com:crm-1 bob@acme.com:crm-2 "
finish
