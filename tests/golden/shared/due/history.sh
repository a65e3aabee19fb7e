# A ledger with something of every kind due on 2026-11-23 and its neighbours on both sides
# of each edge; README.md works out every row by hand.
cp "$GOLDEN_SHARED"/due/{clients.csv,no-email.csv,program.toml} .
refer import clients clients.csv -q
refer program load program.toml -q
s() { refer submit --by "$1" --name "$2" --email "$3" --on "$4" -q >/dev/null; }
s ann@acme.com 'Nora Edge' nora@edge.com 2026-11-21           # 1: submitted exactly 2 days ago
refer import referrals no-email.csv -q                        # 2: 3 days ago, no email
s ann@acme.com 'Olga Late' olga@late.com 2026-11-20           # 3: 3 days ago
s bob@bolt.io 'Pete Thirty' pete@thirty.com 2026-10-01        # 4: contacted exactly 30 days ago
s bob@bolt.io 'Quinn Twentynine' quinn@29.com 2026-10-01      # 5: contacted 29 days ago
s ann@acme.com 'Rita Old' rita@old.com 2026-09-01             # 6: never contacted: uncontacted and stale
s ext:crm-7 'Sam Today' sam@today.com 2026-10-01              # 7: won, payouts due today
s ann@acme.com 'Tess Today' tess@today.com 2026-10-05         # 8: won, payouts due today
s bob@bolt.io 'Uma Tomorrow' uma@tomorrow.com 2026-10-05      # 9: won, payouts due tomorrow
s bob@bolt.io 'Vic Paid' vic@paid.com 2026-08-01              # 10: won; referee's credit paid, referrer's not
s ann@acme.com 'Walt Lost' walt@lost.com 2026-06-01           # 11: lost long ago
s ann@acme.com 'Xena Meeting' xena@meet.com 2026-07-01        # 12: meeting since July
refer advance 4 contacted --on 2026-10-24 -q
refer advance 5 contacted --on 2026-10-25 -q
refer advance 7 won --on 2026-11-13 --value 10,000 -q
refer advance 8 won --on 2026-11-13 --value 8,000 -q
refer advance 9 won --on 2026-11-14 --value 6,000 -q
refer advance 10 won --on 2026-09-01 --value 4,000 -q
refer advance 11 lost --on 2026-06-15 --reason 'no budget' -q
refer advance 12 meeting --on 2026-07-10 -q
refer payouts compute -q
refer payouts pay 7 --on 2026-09-20 -q >/dev/null   # 7: the welcome credit of referral 10
