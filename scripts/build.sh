#!/usr/bin/env bash
# Builds everything: the native preset (portal_core, portal-cli, tests, benchmarks) and the web
# preset (the wasm app into dist/, the core tests for node), then generates dist/compare.html
# from the catalog with portal-cli. Incremental: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}

cmake --preset native >/dev/null
cmake --build --preset native -j "$JOBS"

# shellcheck disable=SC1091
. ./emsdk.env
cmake --preset web >/dev/null
cmake --build --preset web -j "$JOBS"

# The accessible, printable comparison: plain HTML generated from the same catalog.
build/native/portal-cli compare --catalog assets/catalog.json --html dist/compare.html
