#!/usr/bin/env bash
# The Debian package, built from this build tree as scripts/package builds it (cpack; a few
# seconds, so every run builds it): its control fields; unpacked (dpkg-deb -x), it holds
# refer, every man page, the sample data and the shell completions; the packaged refer runs, and man renders its
# page; Depends names the package of every shared library the packaged refer loads.
# `cmake --install --prefix` (the README's other way) installs the same files.
. "$(dirname "$0")/lib.sh"
: "${BUILD:?BUILD must point at the build tree}" "${ROOT:?ROOT must point at the repository}"

if ! cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$TMP/pkg" >cpack.log 2>&1; then
  cat cpack.log >&2
  fail "cpack could not build the package"
  finish
fi
debs=("$TMP"/pkg/refer_*.deb)
expect_eq "${#debs[@]}" 1 "one package"
deb=${debs[0]}
field() { dpkg-deb -f "$deb" "$1"; }
version=$(field Version)
expect_eq "$(field Package)" refer "Package"
expect_eq "$(basename "$deb")" "refer_${version}_$(dpkg --print-architecture).deb" "the file's name"
expect_eq "$(field Architecture)" "$(dpkg --print-architecture)" "Architecture"

# --- The files ----------------------------------------------------------------------------------
dpkg-deb -x "$deb" root
expect_eq "$(ls root/usr/bin)" refer "bin/"
expect_eq "$(ls root/usr/share/man/man1)" "$(ls "$ROOT/man")" "every man page in share/man/man1"
diff -r "$ROOT/sample-data" root/usr/share/doc/refer/examples >diff.out ||
  fail "share/doc/refer/examples/ is not sample-data/: $(cat diff.out)"
expect_eq "$(cd root && find . -type f -not -path '*/examples/*' -not -path '*/man1/*' | sort)" \
  "./usr/bin/refer"$'\n'"./usr/share/bash-completion/completions/refer"$'\n'"./usr/share/doc/refer/README.md"$'\n'"./usr/share/zsh/vendor-completions/_refer" \
  "no other file"
# The completions are the packaged refer's own output.
expect_eq "$(cat root/usr/share/bash-completion/completions/refer)" "$(root/usr/bin/refer completion bash)" "bash completion"
expect_eq "$(cat root/usr/share/zsh/vendor-completions/_refer)" "$(root/usr/bin/refer completion zsh)" "zsh completion"

# --- The packaged refer runs, on the packaged examples ----------------------------------------
packaged=root/usr/bin/refer
"$packaged" --version >.out 2>.err
RC=$? OUT=$(cat .out) ERR=$(cat .err)
expect_rc 0 "packaged refer --version"
expect_out "refer $version" "the package's version"
"$packaged" import clients root/usr/share/doc/refer/examples/clients.csv -q >.out 2>.err
RC=$? OUT=$(cat .out) ERR=$(cat .err)
expect_rc 0 "the packaged refer imports the packaged sample clients"
expect_eq "$(sql 'select count(*) from clients')" 60 "sample clients imported"
[ -x "$packaged" ] && [ "$(stat -c %a "$packaged")" == 755 ] || fail "bin/refer is not 0755"
file -b "$packaged" | grep -q 'stripped$' && ! file -b "$packaged" | grep -q 'not stripped' ||
  fail "the packaged refer keeps its debug info: $(file -b "$packaged")"

# man renders a packaged page (man -l: this file, not one of the system's).
page=$(MANPAGER=cat MANWIDTH=80 man -l root/usr/share/man/man1/refer-import.1 2>man.err)
RC=$? OUT=$page ERR=$(cat man.err)
expect_rc 0 "man -l refer-import.1"
expect_err "" "man -l: no warning"
expect_out_has "refer import clients" "man -l: the page's text"

# --- Depends: the package of every shared library refer loads -------------------------------
depends=$(field Depends)
OUT=$depends ERR=""
expect_out_has "libsqlite3-0" "Depends"
# owner LIB: the package holding LIB (ldd may name /lib/... for a file dpkg lists in /usr/lib/).
owner() {
  local path
  for path in "$1" "/usr$1" "${1#/usr}" "$(readlink -f "$1")"; do
    dpkg -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1 && return
  done
}
libs=$(ldd "$packaged" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ -n "$libs" ] || fail "ldd lists no library"
for lib in $libs; do
  pkg=$(owner "$lib")
  if [ -z "$pkg" ]; then fail "no Debian package holds $lib"; continue; fi
  [[ ", $depends," == *", $pkg "* || ", $depends," == *", $pkg,"* ]] ||
    fail "Depends lacks $pkg (for $lib): $depends"
done

# --- cmake --install --prefix: the same files as the package ---------------------------------
cmake --install "$BUILD" --prefix "$TMP/local" --strip >install.log 2>&1 || fail "cmake --install: $(cat install.log)"
expect_eq "$(cd local && find . | sort)" "$(cd root/usr && find . | sort)" "cmake --install: the package's files"
finish
