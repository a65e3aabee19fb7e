#!/usr/bin/env bash
# The Release configuration (-O3) builds refer with warnings as errors, with the compiler
# CXX: some warnings appear only when the optimizer inlines (GCC 12's -Wrestrict false
# positive on std::string operator+), so a RelWithDebInfo build (-O2) alone would not see
# them. Only the refer target (not the test binary), in DIR, kept between runs so that a
# run rebuilds only what changed; CCACHE_BASEDIR lets another checkout's objects be reused.
set -euo pipefail
: "${ROOT:?ROOT must point at the repository}" "${CXX:?CXX must name the compiler}"
dir=${1:?usage: release.sh BUILD_DIR}
export CCACHE_BASEDIR=$ROOT
log="$dir.log"
if ! { cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DREFER_WERROR=ON \
         -DCMAKE_CXX_COMPILER="$CXX" && cmake --build "$dir" -j2 --target refer; } >"$log" 2>&1; then
  cat "$log"
  echo "FAIL: the Release build with $CXX (warnings as errors) failed" >&2
  exit 1
fi
"$dir/refer" --version
