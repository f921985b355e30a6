#!/usr/bin/env bash
# Command 2 of the README: set up if needed, build, and run every test:
#   1. native: doctest core/store/sync tests and the portal-cli contract scripts (ctest);
#   2. wasm: the same doctest cases compiled with Emscripten, run under node (ctest);
#   3. browser: headless Chromium end-to-end tests against the served dist/ (node --test);
#   4. integration: Apache httpd + mod_dav as a real static host (tests/integration/*.sh).
# Ends with one line "tests: N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
scripts/build.sh || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }

mkdir -p test-artifacts
passed=0
failed=0
failed_stages=()

# ctest prints "NN% tests passed, F tests failed out of T".
count_ctest() {
  local log=$1 line t f
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
  passed=$((passed + t - f))
  failed=$((failed + f))
}

stage() {  # stage NAME COMMAND...
  local name=$1; shift
  local log="test-artifacts/$name.log"
  echo "=== $name: $*"
  if "$@" 2>&1 | tee "$log"; then :; else failed_stages+=("$name"); fi
}

stage native ctest --preset native -j 2
count_ctest test-artifacts/native.log
# shellcheck disable=SC1091
. ./emsdk.env
stage wasm ctest --preset web
count_ctest test-artifacts/wasm.log

# node --test prints TAP summary lines "# pass N" and "# fail N".
if compgen -G "tests/web/*.test.mjs" >/dev/null; then
  stage browser node --test --test-concurrency=1 tests/web/
  p=$(grep -E '^# pass [0-9]+' test-artifacts/browser.log | tail -n1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' test-artifacts/browser.log | tail -n1 | awk '{print $3}')
  if [ -z "$p" ]; then failed=$((failed + 1)); else passed=$((passed + p)); failed=$((failed + ${f:-0})); fi
fi

# Integration tests against real servers (apache_lib.sh is their library, bench_*.sh benchmarks).
for script in tests/integration/apache_sync.sh tests/integration/browser_sync.sh; do
  name=integration-$(basename "$script" .sh)
  if bash "$script" build/native "$PWD" > "test-artifacts/$name.log" 2>&1; then
    echo "=== $name: ok"; passed=$((passed + 1))
  else
    echo "=== $name: FAILED (test-artifacts/$name.log)"; tail -n 30 "test-artifacts/$name.log"
    failed=$((failed + 1)); failed_stages+=("$name")
  fi
done

if [ ${#failed_stages[@]} -gt 0 ]; then echo "failed stages: ${failed_stages[*]}"; fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_stages[@]} -eq 0 ]
