#!/usr/bin/env bash
# Command 1 of the README: set up if needed, build, and serve the portal at a local address.
# The portal runs on its embedded default (IndexedDB in the browser, the bundled catalog):
# no other server is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs --dir dist --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
