#!/usr/bin/env bash
# Integration: the browser app (dist/, headless Chromium) syncing with a real Apache httpd +
# mod_dav on a free loopback port (docs/apache-portal.conf), beside portal-cli.
#   bash tests/integration/browser_sync.sh BUILD_DIR REPO_DIR
# The checks are in browser_sync.mjs (push from browser A, pull in B, merges, a conflict decided
# in the UI, wrong passphrase, 401, host stopped and restarted, CLI <-> browser both ways).
# Apache is stopped at the end, also on failure.
set -euo pipefail

BUILD=${1:?usage: browser_sync.sh BUILD_DIR REPO_DIR}
REPO=${2:?usage: browser_sync.sh BUILD_DIR REPO_DIR}
HERE="$REPO/tests/integration"
[ -x "$BUILD/portal-cli" ] || { echo "FAIL: no portal-cli at $BUILD" >&2; exit 1; }
[ -f "$REPO/dist/portal.wasm" ] || { echo "FAIL: no dist/portal.wasm: build the web preset" >&2; exit 1; }

T=$(mktemp -d /tmp/portal-browser-sync-XXXXXX)
# shellcheck disable=SC1091
source "$HERE/apache_lib.sh"
trap 'apache_cleanup "$T"' EXIT
apache_setup "$T" "$REPO" alice 'secret-pw-1'
start_apache
echo "--- apache on $URL"

# The .mjs stops and restarts this Apache itself (the host going away and coming back).
export PORTAL_HOST_URL="$URL" PORTAL_CLI="$BUILD/portal-cli" PORTAL_TMP="$T" PORTAL_APACHE="$APACHE"
export PORTAL_APACHE_CONF="$REPO/docs/apache-portal.conf" PORTAL_APACHE_DEFS="${APACHE_DEFS[*]:-}"
cd "$REPO"
node --test --test-concurrency=1 "$HERE/browser_sync.mjs"
