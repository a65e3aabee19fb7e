#!/usr/bin/env bash
# The program's settings replace the built-in ones where they are read: attribution_days of
# the version in force on a referral's submission date (submit, import referrals);
# promoter_min_score and nps_window_days of today's version (tag promoters).
. "$(dirname "$0")/lib.sh"

printf 'email,name,kind\nann@acme.com,Ann,client\npat@partner.io,Pat,partner\n' > people.csv
run -q import clients people.csv
expect_rc 0

# A 30-day attribution window until 2026-06-01, the default 365 days from then on.
printf 'name = "short window"\nattribution_days = 30\n' > short.toml
printf 'name = "long window"\n' > long.toml
run -q program load short.toml
expect_rc 0
run -q program load long.toml --effective 2026-06-01
expect_rc 0

# submit: a second referral of the same referee 40 days later goes through under 30 days ...
run submit --by ann@acme.com --name Sam --email sam@globex.com --on 2026-01-01
expect_rc 0
run submit --by pat@partner.io --name Sam --email sam@globex.com --on 2026-02-10
expect_rc 0 "40 days later, 30-day window"
expect_out "2"
# ... but not 20 days later, and the message names the window of the version in force.
before=$(db_sum)
run submit --by pat@partner.io --name Sam --email sam@globex.com --on 2026-03-01
expect_rc 1 "19 days after the second"
expect_err "refer: error: sam@globex.com was already referred by pat@partner.io on 2026-02-10 (referral 2); the first referral within 30 days wins"
# Submitted on 2026-06-01 the 365-day window of "long window" judges: the first referral,
# 151 days before, wins.
run submit --by pat@partner.io --name Sam --email sam@globex.com --on 2026-06-01
expect_rc 1 "365-day window from June"
expect_err "refer: error: sam@globex.com was already referred by ann@acme.com on 2026-01-01 (referral 1); the first referral within 365 days wins"
expect_eq "$(db_sum)" "$before" "refusals write nothing"

# import referrals: the same rules per row, the version chosen by each row's submission date.
cat > referrals.csv <<'EOF'
referrer_email,referee_name,referee_email,submitted_on
ann@acme.com,Kim,kim@initech.com,2026-01-05
pat@partner.io,Kim,kim@initech.com,2026-02-14
ann@acme.com,Lou,lou@umbrella.com,2026-06-02
pat@partner.io,Lou,lou@umbrella.com,2026-07-12
EOF
run import referrals referrals.csv
expect_rc 1
expect_err "refer: error: referrals.csv:5: lou@umbrella.com was already referred by ann@acme.com on 2026-06-02 (referral 5); the first referral within 365 days wins
refer: error: referrals.csv: 1 invalid row; nothing imported (--skip-invalid imports the valid rows)"
run import referrals referrals.csv --skip-invalid
expect_rc 0
expect_eq "$(sql "select referee_email || ' ' || submitted_on from referrals where referee_email in ('kim@initech.com', 'lou@umbrella.com') order by id")" \
  "kim@initech.com 2026-01-05
kim@initech.com 2026-02-14
lou@umbrella.com 2026-06-02" "the 40-day-later row passes under the 30-day window"

# tag promoters: a 9 is a promoter under the default, a passive with promoter_min_score = 10.
printf 'email,score,responded_on\nann@acme.com,9,2026-11-01\npat@partner.io,10,2026-05-01\n' > nps.csv
run -q import nps nps.csv
expect_rc 0
run tag promoters --format csv
expect_rc 0
expect_out "segment,people
promoter,2
passive,0
detractor,0
none,0"
printf 'name = "strict promoters"\npromoter_min_score = 10\nnps_window_days = 180\n' > strict.toml
run -q program load strict.toml --effective 2026-11-23
expect_rc 0
run tag promoters --format csv
expect_rc 0
expect_out "segment,people
promoter,0
passive,1
detractor,0
none,1" "a 9 is passive; a response 206 days old is out of a 180-day window"
expect_eq "$(sql "select c.email || ' ' || t.tag from tags t join clients c on c.id = t.client_id where t.tag in ('promoter', 'passive', 'detractor') order by c.email")" \
  "ann@acme.com passive"
# Today's version judges: the day before the strict version, the default rules again.
run --today 2026-11-22 tag promoters --format csv
expect_out "segment,people
promoter,2
passive,0
detractor,0
none,0"
finish
