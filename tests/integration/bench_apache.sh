#!/usr/bin/env bash
# Runs bench/bench_store against a private Apache + mod_dav (docs/apache-portal.conf), so its
# push + pull figures are over real HTTP on loopback:
#   bash tests/integration/bench_apache.sh BUILD_DIR REPO_DIR [OUT.json]
# (default OUT: REPO_DIR/bench/results/bench_store_native.json). Use a Release build.
set -euo pipefail
BUILD=${1:?usage: bench_apache.sh BUILD_DIR REPO_DIR [OUT.json]}
REPO=${2:?usage: bench_apache.sh BUILD_DIR REPO_DIR [OUT.json]}
OUT=${3:-$REPO/bench/results/bench_store_native.json}
[ -x "$BUILD/bench_store" ] || { echo "FAIL: no bench_store in $BUILD" >&2; exit 1; }
T=$(mktemp -d /tmp/portal-bench-apache-XXXXXX)
source "$REPO/tests/integration/apache_lib.sh"
trap 'stop_apache; rm -rf "$T"' EXIT
apache_setup "$T" "$REPO" bench 'bench-pw'
start_apache
PORTAL_BENCH_URL="$URL" PORTAL_BENCH_USER=bench PORTAL_BENCH_PASSWORD='bench-pw' "$BUILD/bench_store" "$OUT"
