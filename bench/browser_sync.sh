#!/usr/bin/env bash
# bench/browser_store.mjs with a private Apache + mod_dav (docs/apache-portal.conf) on loopback,
# so it also measures a browser push + pull of the 100,000-organisation book:
#   bash bench/browser_sync.sh [OUT.json]   (default bench/results/browser_store.json)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d /tmp/portal-bench-browser-XXXXXX)
# shellcheck disable=SC1091
source "$REPO/tests/integration/apache_lib.sh"
trap 'stop_apache; rm -rf "$T"' EXIT
apache_setup "$T" "$REPO" bench 'bench-pw'
start_apache
cd "$REPO"
PORTAL_BENCH_URL="$URL" PORTAL_BENCH_USER=bench PORTAL_BENCH_PASSWORD='bench-pw' node bench/browser_store.mjs "$@"
