#!/usr/bin/env bash
# Every long option a command's --help prints is documented in its man page: for each
# man/refer-X.1 whose command exists, the options of `refer X --help` and of every
# subcommand's --help (import clients, tag add ...) must appear in the rendered page.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the source tree}"
MAN="$ROOT/man"

# The long options of one --help text: the first column of its option lines
# ("  -o,--output FILE  Write ..."), without --help and without the "Global options:"
# section every command's help ends with (refer.1 documents those, checked below).
help_options() {
  sed '/^Global options:/,/^$/d' | sed -n 's/^ \{1,\}\(-[^ ]*\).*/\1/p' | tr ',' '\n' | sed -n 's/^\(--[A-Za-z0-9][A-Za-z0-9-]*\).*/\1/p' |
    grep -vx -- '--help' | sort -u
}

# The subcommand names a --help text lists under "Subcommands:".
help_subcommands() {
  awk 'tolower($0) ~ /^subcommands:/ { in_list = 1; next }
       in_list && /^[^ ]/ { in_list = 0 }
       in_list && /^ +[a-z]/ { print $1 }'
}

# The page as plain text, on long lines so that no option is broken at a hyphen.
render_page() { mandoc -Tascii -O width=1000 "$1" | col -b; }

# check_page PAGE COMMAND...: prints every option of COMMAND (and its subcommands)
# missing from PAGE; returns 1 when one is missing.
check_page() {
  local page=$1; shift
  local text help missing=0 opt sub
  text=$(render_page "$page") && [ -n "$text" ] || { echo "$(basename "$page"): mandoc cannot render it"; return 1; }
  help=$("$REFER" "$@" --help 2>&1)
  local opts
  opts=$(help_options <<<"$help")
  for sub in $(help_subcommands <<<"$help"); do
    opts+=$'\n'$("$REFER" "$@" "$sub" --help 2>&1 | help_options)
  done
  for opt in $(sort -u <<<"$opts"); do
    if ! grep -qE -- "(^|[^A-Za-z0-9-])${opt}([^A-Za-z0-9-]|\$)" <<<"$text"; then
      echo "$(basename "$page"): option $opt of 'refer $*' is not documented"
      missing=1
    fi
  done
  return $missing
}

# The parser itself: the options and subcommands of known help texts.
expect_eq "$("$REFER" export --help | help_options | tr '\n' ' ')" "--output --raw " "options of export --help"
expect_eq "$("$REFER" import --help | help_subcommands | tr '\n' ' ')" "clients nps referrals " "subcommands of import"
expect_eq "$("$REFER" import clients --help | help_options | grep -c .)" 11 "import clients has 11 long options (--all-stages among them)"

# The global options, which every command's --help lists, are documented in refer.1.
globals=$("$REFER" export --help | sed -n '/^Global options:/,/^$/p' | sed 1d | help_options)
[ -n "$globals" ] || fail "export --help lists no global options"
page=$(render_page "$MAN/refer.1")
for opt in $globals; do
  grep -qE -- "(^|[^A-Za-z0-9-])${opt}([^A-Za-z0-9-]|\$)" <<<"$page" || fail "refer.1: global option $opt is not documented"
done

checked=0
for page in "$MAN"/refer-*.1; do
  name=$(basename "$page" .1)
  command=${name#refer-}
  if ! "$REFER" "$command" --help >/dev/null 2>&1; then
    echo "note: $name.1 documents '$command', which this refer does not have yet" >&2
    continue
  fi
  checked=$((checked + 1))
  if ! report=$(check_page "$page" "$command"); then
    OUT= ERR=
    fail "$report"
  fi
done
[ "$checked" -ge 5 ] || fail "only $checked man pages checked (import, add, clients, show, export at least)"

# The check fails when an option is missing: remove --raw from a copy of refer-export.1.
sed 's/raw/r_a_w/g' "$MAN/refer-export.1" > "$TMP/refer-export.1"
if report=$(check_page "$TMP/refer-export.1" export); then
  fail "a page without --raw passed the check"
else
  expect_eq "$report" "refer-export.1: option --raw of 'refer export' is not documented" "report on a missing option"
fi

finish
