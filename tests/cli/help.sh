#!/usr/bin/env bash
# Help like git's (issue 10): the command list for `refer` alone (stderr, 2) and `refer help`
# (stdout, 0); `refer help CMD [SUB]` is `refer CMD [SUB] --help`; a group without its command
# lists its commands; a mistyped command gets the nearest; --help of an unknown command is an
# error; -V is an unknown option; every command's --help lists the global options.
. "$(dirname "$0")/lib.sh"

commands=$(cat <<'LIST'
usage: refer [--db PATH] [--today DATE] [--format FORMAT] [--json] [-q]
             [--no-color] COMMAND [ARGS]

Commands:
  import      Import people, NPS responses or referrals from CSV
  add         Add one person by hand
  clients     List people (clients, partners, employees, advisors)
  show        Show a person (email or ext:ID) or a referral (id or referee email)
  export      Export clients, referrals, payouts, events or nps as CSV (or JSON)
  submit      Record a referral; prints its id
  advance     Move a referral to another status
  edit        Correct a referral without moving it, or a person's fields
  fit         Score how well a referral fits: industry, role, size, urgency
  referrals   List referrals
  tag         Tag people; compute the NPS segments (promoter, passive, detractor)
  milestone   Record a success a person had (a good moment to ask for a referral)
  payouts     Compute, list, pay and explain what referrers have earned
  program     Load, show and list the versions of the incentive program
  check       Check the ledger: integrity, deal values, history, payouts against the rules
  report      The period's referrals, revenue, payouts, NPS and targets
  nudge       Who to ask for a referral today, and why
  ask         Record a referral request made by hand
  due         What needs doing today: referrals to contact, payouts to pay, stale referrals
  backup      Copy the ledger to FILE, consistently, while other commands may write it
  completion  Print the shell completion script for bash or zsh
  help        Show the commands, or a command's options (same as COMMAND --help)

Run 'refer help COMMAND' for a command's options, 'man refer' for the manual.
LIST
)

# refer alone: the command list on stderr, exit 2, no ledger created.
run
expect_rc 2 "refer alone"
expect_out "" "refer alone"
expect_err "$commands" "refer alone"
[ -e "$REFER_DB" ] && fail "refer alone created the ledger"
# Global options without a command are no command either.
run --db "$TMP/other.db" -q
expect_rc 2 "global options alone"
expect_err "$commands" "global options alone"
[ -e "$TMP/other.db" ] && fail "--db without a command created the ledger"
# refer help: the same list on stdout, exit 0.
run help
expect_rc 0 "refer help"
expect_out "$commands" "refer help"
expect_err "" "refer help"

# refer help CMD [SUB] prints what refer CMD [SUB] --help does.
for words in "advance" "import" "import clients" "payouts pay" "tag promoters" "help" "completion"; do
  run $words --help
  expect_rc 0 "$words --help"
  want=$OUT
  [ -n "$want" ] || fail "$words --help printed nothing"
  run help $words
  expect_rc 0 "help $words"
  expect_out "$want" "help $words"
  expect_err "" "help $words"
done

# A group without its command lists its commands: on stderr, exit 2.
run import
expect_rc 2 "import alone"
expect_out "" "import alone"
expect_err "usage: refer import COMMAND [ARGS]

Commands:
  clients    Import people from a CRM export or spreadsheet
  nps        Import NPS survey responses (SurveyMonkey, Qualtrics, CSV)
  referrals  Backfill referrals from a spreadsheet (or refer export referrals --raw)

Run 'refer help import COMMAND' for a command's options." "import alone"
run --json payouts
expect_rc 2 "payouts alone"
expect_err "usage: refer payouts COMMAND [ARGS]

Commands:
  compute    Bring every payout in line with the program's rules
  list       List payouts, ordered by id
  pay        Mark payouts paid: the ones named, or everything due
  statement  One person's referrals, payouts and balance, to send them

Run 'refer help payouts COMMAND' for a command's options." "payouts alone"
run program
expect_rc 2 "program alone"
expect_err_has "usage: refer program COMMAND [ARGS]" "program alone"
expect_err_has $'\n  load ' "program alone"
run tag --db "$TMP/x.db"
expect_rc 2 "tag alone"
expect_err_has "usage: refer tag COMMAND [ARGS]" "tag alone"
expect_err_has $'\n  promoters ' "tag alone"
# ... and its --help is CLI11's, on stdout.
run import --help
expect_rc 0 "import --help"
expect_out_has "Subcommands:" "import --help"

# A mistyped command: the nearest, at the top and in a group, also in refer help.
run imprt
expect_rc 2 "imprt"
expect_out "" "imprt"
expect_err 'refer: error: unknown command "imprt"; did you mean "import"?' "imprt"
run import clinets clients.csv
expect_rc 2 "import clinets"
expect_err 'refer: error: unknown command "clinets"; did you mean "clients"?' "import clinets"
run payouts pya 3
expect_rc 2 "payouts pya"
expect_err 'refer: error: unknown command "pya"; did you mean "pay"?' "payouts pya"
run re
expect_rc 2 "re"
expect_err 'refer: error: unknown command "re"; did you mean "referrals" or "report"?' "re"
run --db x.db -q adavnce 3 won
expect_rc 2 "adavnce"
expect_err 'refer: error: unknown command "adavnce"; did you mean "advance"?' "adavnce"
run frobnicate
expect_rc 2 "nothing near"
expect_err 'refer: error: unknown command "frobnicate" (see refer --help)' "nothing near"
run help imprt
expect_rc 2 "help imprt"
expect_out "" "help imprt"
expect_err 'refer: error: unknown command "imprt"; did you mean "import"?' "help imprt"
run help import people
expect_rc 2 "help import people"
expect_err 'refer: error: unknown command "people" (see refer import --help)' "help import people"

# --help of a command that does not exist is an error, not the top-level help.
run payouts2 --help
expect_rc 2 "payouts2 --help"
expect_out "" "payouts2 --help"
expect_err 'refer: error: unknown command "payouts2"; did you mean "payouts"?' "payouts2 --help"
run import people --help
expect_rc 2 "import people --help"
expect_out "" "import people --help"
expect_err 'refer: error: unknown command "people" (see refer import --help)' "import people --help"
run --help frobnicate
expect_rc 2 "--help frobnicate"
expect_out "" "--help frobnicate"

# -V is an unknown option; --version prints the version.
run -V
expect_rc 2 "-V"
expect_out "" "-V"
expect_err 'refer: error: unknown option "-V" (see refer --help)' "-V"
run import -V
expect_rc 2 "import -V"
expect_err 'refer: error: unknown option "-V" (see refer import --help)' "import -V"
version=$(sed -n 's/^project(refer VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")
[ -n "$version" ] || fail "no version in CMakeLists.txt"
run --version
expect_rc 0 "--version"
expect_out "refer $version" "--version"
expect_err "" "--version"

# A command's --help lists the global options after its own, before the example.
run check --help
expect_rc 0 "check --help"
expect_out "$(cat <<'HELP'
Check the ledger: integrity, deal values, history, payouts against the rules
Usage: refer check [OPTIONS]

Options:
  -h,--help                   Print this help message and exit

Global options:
  --db PATH                   Database file (default $REFER_DB, else $XDG_DATA_HOME/refer/refer.db)
  --today DATE                What today is (default $REFER_TODAY, else the local date)
  --format FORMAT             Output format: table, csv, json, md (report also html)
  --json                      Short for --format json
  -q,--quiet                  No summaries or progress on stderr
  --no-color                  No ANSI colour (also when NO_COLOR is set or stdout is not a terminal)

Example: refer check || echo "the ledger needs attention"
HELP
)" "check --help"
run payouts pay --help
expect_out_has "Global options:
  --db PATH " "payouts pay --help"
# The top-level --help lists them as its options.
run --help
expect_out_has "Options:
  -h,--help                   Print this help message and exit
  --version                   Display program version information and exit
  --db PATH " "--help"
[[ "$OUT" == *"Global options:"* ]] && fail "--help lists the global options twice"

finish
