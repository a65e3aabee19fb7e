#!/usr/bin/env bash
# refer report --format html, as a user sees it: well-formed, self-contained (no script,
# nothing fetched), and rendered by headless Chromium with the numbers, both charts, the
# tables and escaped names in the DOM, a screenshot, and two A4 pages when printed.
. "$(dirname "$0")/lib.sh"
: "${ROOT:?ROOT must point at the source tree}"
command -v chromium >/dev/null || { echo "FAIL: chromium is not installed (scripts/deps installs it)" >&2; exit 1; }

refer() { "$REFER" "$@"; }
export GOLDEN_SHARED="$ROOT/tests/golden/shared"
. "$GOLDEN_SHARED/report/history.sh" || { echo "FAIL: the report history did not load" >&2; exit 1; }
# A referrer whose name is markup: it must show as text, not become an element.
refer add zed@zed.com --name 'Zed <b>Bold</b> & "Co"' -q
refer submit --by zed@zed.com --name 'Una Ten' --email una@ten.com --on 2026-10-20 -q >/dev/null
# Scored a priority (3 + 3 >= 6): by fit shows it beside the unscored rest of the history.
refer fit "$(sql "SELECT id FROM referrals WHERE referee_email = 'una@ten.com'")" --industry 3 --role 3 -q

run report --month 2026-10 --format html
expect_rc 0
printf '%s\n' "$OUT" >report.html

# Well-formed: the page is also XML (polyglot), so any unclosed or misnested tag fails here.
python3 - report.html <<'PY' || fail "report.html is not well-formed"
import sys, xml.etree.ElementTree as ET
ET.parse(sys.argv[1])
PY
expect_contains() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
expect_lacks() { ! grep -qiE -- "$2" "$1" || fail "$1 has: $2"; }
expect_contains report.html '<!DOCTYPE html>'
expect_contains report.html 'Zed &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;'
for fetch in '<script' 'src=' 'href=' 'url\(' '@import' 'https?:'; do expect_lacks report.html "$fetch"; done

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$TMP/chrome" \
    --no-pdf-header-footer "$@" "file://$TMP/report.html" 2>>chrome.log
}
chrome --dump-dom >dom.html || fail "chromium --dump-dom failed: $(tail -3 chrome.log)"
# The headline numbers of 2026-10 (shared/report/README.md works them out), with Zed's
# referral: 5 submitted, 4 of 8 eligible clients referring.
for text in '>5</div><div class="label">referrals submitted' '>2</div><div class="label">won' \
            '>50.0%</div><div class="label">close rate' '>$30,000.00</div><div class="label">won value' \
            '>50.0%</div><div class="label">participation' '>$1,100.00</div><div class="label">payouts earned' \
            '>25.0</div><div class="label">NPS' '<td>Ann Acme</td>' '<td>pam@partners.com</td>' '<td>partner</td>' \
            'Zed &lt;b&gt;Bold&lt;/b&gt; &amp; "Co"'; do
  expect_contains dom.html "$text"
done
# Both charts, drawn: six months of two bars each, four funnel steps sized by their counts.
count() { grep -o -- "$1" dom.html | wc -l; }
[ "$(count '<svg class="trend"')" -eq 1 ] || fail "no trend chart"
[ "$(count '<rect class="submitted"')" -eq 6 ] || fail "the trend has not 6 submitted bars"
[ "$(count '<rect class="won"')" -eq 6 ] || fail "the trend has not 6 won bars"
[ "$(count '<rect class="funnel"')" -eq 4 ] || fail "the funnel has not 4 steps"
grep -q '<title>2026-10 submitted: 5</title>' dom.html || fail "October's submitted bar is not labelled 5"
grep -q '<title>won: 1</title>' dom.html || fail "the funnel's won step is not 1"
# By fit: a bar per band with activity, the width its close rate (none closed: no width).
[ "$(count '<rect class="close-rate"')" -eq 2 ] || fail "by fit has not 2 bands"
grep -q 'width="0.0" height="20"><title>priority close rate: -</title>' dom.html || fail "the priority band is not empty"
grep -q 'width="225.0" height="20"><title>unscored close rate: 50.0%</title>' dom.html || fail "the unscored band is not 50%"
! grep -q '<b>Bold</b>' dom.html || fail "a name became markup"

chrome --screenshot="$TMP/shot.png" --window-size=794,1123 || fail "chromium --screenshot failed"
python3 - shot.png <<'PY' || fail "the screenshot is not a 794x1123 PNG with something drawn"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (794, 1123), (width, height)
assert len(data) > 20000, "an almost empty page"
PY

chrome --print-to-pdf="$TMP/report.pdf" || fail "chromium --print-to-pdf failed"
python3 - report.pdf <<'PY' || fail "the printed report is not 1 or 2 A4 pages"
import re, sys
data = open(sys.argv[1], "rb").read()
pages = re.findall(rb"/Type\s*/Page(?!s)", data)
boxes = set(re.findall(rb"/MediaBox\s*\[0 0 ([0-9.]+) ([0-9.]+)\]", data))
assert 1 <= len(pages) <= 2, len(pages)
assert all(abs(float(w) - 595.28) < 1 and abs(float(h) - 841.89) < 1 for w, h in boxes), boxes
PY

finish
