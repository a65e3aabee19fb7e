# A worked history for the report of 2026-10 (today 2026-11-23); every number the report
# cases expect is worked out by hand in tests/golden/shared/report/README.md.
cp "$GOLDEN_SHARED"/report/{clients.csv,nps.csv,program.toml} .
refer import clients clients.csv -q
refer import nps nps.csv -q
refer program load program.toml -q
s() { refer submit --by "$1" --name "$2" --email "$3" --on "$4" -q >/dev/null; }
s ann@acme.com 'Lee One' lee@one.com 2026-08-10     # 1: won in October, from the August cohort
s ann@acme.com 'Mia Two' mia@two.com 2026-10-02     # 2: contacted in a day, won in October
s bob@bolt.io 'Ned Three' ned@three.com 2026-10-05  # 3: contacted after 4 days, lost in October
s pam@partners.com 'Oli Four' oli@four.com 2026-10-30  # 4: a partner's; meeting then moved back
s hal@hal.com 'Pat Five' pat@five.com 2026-09-15    # 5: September's, lost in October
s ann@acme.com 'Quin Six' quin@six.com 2026-10-31   # 6: the period's last day, never contacted
s ann@acme.com 'Rae Seven' rae@seven.com 2026-06-01 # 7: meeting in June, stale since
s bob@bolt.io 'Sam Eight' sam@eight.com 2026-11-21  # 8: two days old today: not yet overdue
refer advance 1 contacted --on 2026-08-11 -q
refer advance 1 meeting --on 2026-08-20 -q
refer advance 1 won --on 2026-10-12 --value 20,000 -q
refer advance 2 contacted --on 2026-10-03 -q
refer advance 2 meeting --on 2026-10-15 -q
refer advance 2 won --on 2026-10-28 --value 10,000 -q
refer advance 3 contacted --on 2026-10-09 -q
refer advance 3 lost --on 2026-10-20 --reason 'chose a competitor' -q
refer advance 4 meeting --on 2026-10-30 -q
refer advance 5 lost --on 2026-10-03 --reason 'no budget' -q
refer advance 7 meeting --on 2026-06-10 -q
refer payouts compute --today 2026-10-31 -q
refer payouts pay --all-due --today 2026-10-05 --on 2026-10-05 -q >/dev/null
refer advance 4 contacted --on 2026-11-02 --force -q
refer payouts compute -q
