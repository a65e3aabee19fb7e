#!/usr/bin/env bash
# refer completion bash|zsh: the scripts complete what the parser accepts. The bash script is
# sourced in bash and its function called as bash calls it on TAB (COMP_WORDS, COMP_CWORD);
# the zsh one is sourced in zsh with compadd, compset and _files standing in for the
# completion system's builtins (which work only inside a completion widget).
. "$(dirname "$0")/lib.sh"

"$REFER" completion bash >"$TMP/refer.bash" || fail "refer completion bash"
"$REFER" completion zsh >"$TMP/_refer" || fail "refer completion zsh"

# bash_complete WORD...: what bash offers for the command line WORD... (the last word is the
# one being completed, "" for a TAB after a space), on one line.
bash_complete() {
  bash --norc --noprofile -c '
    . "$1" || exit 1
    shift
    COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
    _refer
    echo "${COMPREPLY[*]}"' _ "$TMP/refer.bash" "$@"
}

# expect_completion EXPECTED WORD...: bash offers exactly EXPECTED for WORD...
expect_completion() {
  local expected=$1; shift
  local got
  got=$(bash_complete "$@" 2>&1)
  [ "$got" == "$expected" ] || { OUT=$got ERR=; fail "completing 'refer ${*:2}': expected [$expected], got [$got]"; }
}

# The four of issue 10: a command, a group's commands, an argument's values, an option's values.
expect_completion "import" refer im
expect_completion "clients nps referrals" refer import ""
expect_completion "submitted contacted meeting qualified won lost" refer advance 3 ""
expect_completion "table csv json md html" refer --format ""

# Values as the parser spells them, wherever the option is.
expect_completion "won" refer advance 3 w
expect_completion "json" refer --format j
expect_completion "table csv json md html" refer clients --format ""
expect_completion "table csv json md html" refer --format = ""  # bash splits --format=
expect_completion "csv" refer --format = c
expect_completion "hubspot pipedrive salesforce none" refer import clients --preset ""
expect_completion "\\, \\; tab" refer import nps --delimiter ""  # quoted for the shell
expect_completion "pending paid void due overdue" refer payouts list --status ""
expect_completion "client partner employee advisor" refer clients --kind ""
expect_completion "clients referrals payouts events nps" refer export ""
expect_completion "bash zsh" refer completion ""
expect_completion "submitted contacted meeting qualified won lost" refer referrals --status ""
# Options: the command's own, then the global ones; option values are skipped over.
expect_completion "--help --on --value --reason --force --version --db --today --format --json --quiet --no-color" \
  refer --db x.db advance 3 won --
expect_completion "--force --format" refer advance 3 won --f
expect_completion "--dry-run" refer --db x.db --today 2026-01-01 payouts compute --dr
expect_completion "advance" refer --db x.db -q adv
expect_completion "--delimiter --date-format --decimal-comma --dry-run --db" refer import clients --d
expect_completion "" refer advance 3 won ""  # no third argument
expect_completion "" refer show ""            # free text: nothing to offer
# After help, command names.
expect_completion "import" refer help im
expect_completion "clients nps referrals" refer help import ""
# Files where a file goes: arguments named FILE, options of type FILE or PATH.
mkdir sub && touch clients.csv sub/nps.csv
expect_completion "clients.csv" refer import clients cl
expect_completion "sub/nps.csv" refer import nps sub/
expect_completion "clients.csv" refer --db cl
expect_completion "clients.csv" refer import clients x.csv --rejects cl
expect_completion "clients.csv" refer export clients -o cl
expect_completion "clients.csv" refer backup cl
expect_completion "clients.csv" refer tag promoters --nps cl
expect_completion "clients.csv" refer program load cl

# Every command and subcommand refer help lists completes, and nothing else: the script
# cannot drift from the parser.
# commands [GROUP]: the commands `refer help` lists, or those `refer GROUP` does (on stderr).
commands() { "$REFER" "${@:-help}" 2>&1 | awk '/^Commands:/ { in_list = 1; next } in_list && /^  [a-z]/ { print $1 }' | tr '\n' ' '; }
all=$(commands)
expect_eq "$(bash_complete refer "")" "${all% }" "every command"
for group in import payouts program tag; do
  expect_eq "$(bash_complete refer "$group" "")" "$(commands "$group" | sed 's/ $//')" "the commands of $group"
done
# Every option of every command's and subcommand's --help completes (the global ones too).
for cmd in $all; do
  for words in "$cmd" $(commands "$cmd" | sed "s/[^ ]\{1,\}/$cmd:&/g"); do
    words=${words/:/ }
    options=$("$REFER" $words --help | sed -n 's/^ \{1,\}\(-[^ ]*\).*/\1/p' | tr ',' '\n' | grep -v '^$' | sort -u)
    offered=$(bash_complete refer $words - | tr ' ' '\n' | sort -u)
    missing=$(comm -23 <(echo "$options") <(echo "$offered"))
    [ -z "$missing" ] || { OUT= ERR=; fail "options of '$words --help' that do not complete: $missing"; }
    checked_options=$((${checked_options:-0} + 1))
  done
done
[ "$checked_options" -ge 30 ] || fail "only $checked_options --help texts checked against the completions"

# The files the build writes for installing (build/completions/) are that output.
built=$(dirname "$REFER")/completions
if [ -d "$built" ]; then
  cmp -s "$built/refer" "$TMP/refer.bash" || fail "$built/refer differs from refer completion bash"
  cmp -s "$built/_refer" "$TMP/_refer" || fail "$built/_refer differs from refer completion zsh"
else
  echo "note: no $built (the completions target was not built)" >&2
fi

# The script registers itself and is quiet when sourced.
expect_eq "$(bash --norc --noprofile -c '. "$1" && complete -p refer' _ "$TMP/refer.bash" 2>&1)" "complete -F _refer refer" \
  "bash registers _refer"
run completion bash
expect_rc 0
expect_err ""
run completion fish
expect_rc 2 "an unknown shell"
expect_err_has "refer: error: "
run completion
expect_rc 2 "no shell"

# zsh: the script parses, and completes through the same walker.
if command -v zsh >/dev/null; then
  zsh -n "$TMP/_refer" || fail "zsh -n: the zsh script does not parse"
  # zsh_complete WORD...: what zsh offers, on one line (the stand-ins filter by PREFIX as
  # compadd does).
  zsh_complete() {
    zsh -f -c '
      compdef() { : }
      compadd() { shift; local w; for w in "$@"; do [[ $w == ${PREFIX}* ]] && print -rn -- "$w "; done }
      compset() { PREFIX=${PREFIX#*=} }
      _files() { print -rn -- "@files " }
      . "$1" || exit 1
      shift
      words=("$@") CURRENT=$# PREFIX=${words[-1]}
      _refer
      print' _ "$TMP/_refer" "$@" | sed 's/ $//'
  }
  expect_eq "$(zsh_complete refer im)" "import" "zsh: refer im"
  expect_eq "$(zsh_complete refer import "")" "clients nps referrals" "zsh: refer import"
  expect_eq "$(zsh_complete refer advance 3 "")" "submitted contacted meeting qualified won lost" "zsh: refer advance 3"
  expect_eq "$(zsh_complete refer --format "")" "table csv json md html" "zsh: refer --format"
  expect_eq "$(zsh_complete refer --format=j)" "json" "zsh: refer --format=j"
  expect_eq "$(zsh_complete refer --db x.db import clients "")" "@files" "zsh: a file"
  expect_eq "$(zsh_complete refer help import n)" "nps" "zsh: refer help import n"
  expect_eq "$(zsh_complete refer advance 3 won --f)" "--force --format" "zsh: options"
else
  echo "note: zsh is not installed; checking the zsh script's structure only" >&2
  head -1 "$TMP/_refer" | grep -qx '#compdef refer' || fail "the zsh script does not start with #compdef refer"
  grep -q '^    compdef _refer refer' "$TMP/_refer" || fail "the zsh script does not register _refer"
fi

finish
