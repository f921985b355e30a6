#!/usr/bin/env bash
# CLI contract for report, scenario, export-public and generate (docs/reports.md).
# Usage: bash reports.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
CLI="$1"
REPO="$2"
CAT="$REPO/assets/catalog.json"
DEMO="$REPO/assets/demo-book.json"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# expect CODE DESCRIPTION -- command...
expect() {
    local want="$1" what="$2"
    shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$TMP/err")"
}
contains() { grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $(basename "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$3: '$2' found in $(basename "$1")"; }

# [SECTION] report
expect 0 "report on the demo book" -- "$CLI" report --catalog "$CAT" --book "$DEMO" --year 2026 --on 2026-11-22
contains "$TMP/out" '"schema": "portal-report/1"' "report"
contains "$TMP/out" '"bucket": "90+"' "report aging"
contains "$TMP/out" '"retention"' "report retention"
expect 2 "report without --year" -- "$CLI" report --catalog "$CAT" --book "$DEMO"
contains "$TMP/err" "usage: portal-cli report" "report usage"
expect 2 "report with a bad year" -- "$CLI" report --catalog "$CAT" --book "$DEMO" --year 26
expect 2 "report with a bad date" -- "$CLI" report --catalog "$CAT" --book "$DEMO" --year 2026 --on 2026-02-30
expect 2 "report with an unknown option" -- "$CLI" report --catalog "$CAT" --book "$DEMO" --year 2026 --bogus
echo '{"schema": "portal-book/1", "organisations": 5}' >"$TMP/bad-book.json"
expect 1 "report on an invalid book" -- "$CLI" report --catalog "$CAT" --book "$TMP/bad-book.json" --year 2026
contains "$TMP/err" "$TMP/bad-book.json: /organisations" "report invalid book pointer"
expect 1 "report on a missing book" -- "$CLI" report --catalog "$CAT" --book "$TMP/nope.json" --year 2026
contains "$TMP/err" "$TMP/nope.json" "report missing book"

# [SECTION] scenario
SCEN="$REPO/tests/fixtures/reports/scenario-example.json"
expect 0 "scenario on the demo book" -- "$CLI" scenario --catalog "$CAT" --book "$DEMO" --scenario "$SCEN" --on 2026-11-22
contains "$TMP/out" '"schema": "portal-scenario-result/1"' "scenario"
contains "$TMP/out" '"tier": "supporter"' "scenario new tier"
contains "$TMP/out" '"explanation"' "scenario explanation"
cat >"$TMP/bad-scenario.json" <<'JSON'
{ "schema": "portal-scenario/1", "fee_changes": { "full": -5, "gold": 100, "associate": 2500.5 } }
JSON
expect 1 "scenario with bad fees" -- "$CLI" scenario --catalog "$CAT" --book "$DEMO" --scenario "$TMP/bad-scenario.json"
contains "$TMP/err" "$TMP/bad-scenario.json: /fee_changes/full: must not be negative" "scenario negative fee"
contains "$TMP/err" "$TMP/bad-scenario.json: /fee_changes/gold: unknown tier" "scenario unknown tier"
contains "$TMP/err" "$TMP/bad-scenario.json: /fee_changes/associate: must be an integer" "scenario fractional fee"
cat >"$TMP/too-many.json" <<'JSON'
{ "schema": "portal-scenario/1", "new_tiers": [ { "id": "s", "annual_fee": 1, "conversions": { "from": { "full": 100000 } } } ] }
JSON
expect 1 "scenario moving more members than there are" -- "$CLI" scenario --catalog "$CAT" --book "$DEMO" --scenario "$TMP/too-many.json" --on 2026-11-22
contains "$TMP/err" "/new_tiers/0/conversions/from/full" "scenario too many moves"
echo '{ "schema": ' >"$TMP/broken.json"
expect 1 "scenario that is not JSON" -- "$CLI" scenario --catalog "$CAT" --book "$DEMO" --scenario "$TMP/broken.json"
contains "$TMP/err" "$TMP/broken.json: " "scenario syntax error"
expect 2 "scenario without --scenario" -- "$CLI" scenario --catalog "$CAT" --book "$DEMO"

# [SECTION] export-public
expect 0 "export-public of the demo book" -- "$CLI" export-public --catalog "$CAT" --book "$DEMO" --out "$TMP/public.json" --on 2026-11-22
contains "$TMP/public.json" '"schema": "portal-public/1"' "export"
contains "$TMP/public.json" '"organisations"' "export directory"
expect 0 "validate the public export" -- "$CLI" validate "$TMP/public.json"
expect 0 "validate the demo book" -- "$CLI" validate --catalog "$CAT" "$DEMO"
for private in '@example.' '"contacts"' '"notes"' '"invoices"' '"payments"' '"prospects"' 'IIIFC-20' '"audit"' '"method"' '"role"'; do
    lacks "$TMP/public.json" "$private" "export privacy"
done
expect 2 "export-public without --out" -- "$CLI" export-public --catalog "$CAT" --book "$DEMO"

# [SECTION] generate
expect 0 "generate" -- "$CLI" generate --catalog "$CAT" --organisations 25 --years 3 --seed 7 --today 2026-11-22 --out "$TMP/g1.json"
expect 0 "generate again" -- "$CLI" generate --catalog "$CAT" --organisations 25 --years 3 --seed 7 --today 2026-11-22 --out "$TMP/g2.json"
cmp -s "$TMP/g1.json" "$TMP/g2.json" || fail "generate is not deterministic for a seed"
expect 0 "generate another seed" -- "$CLI" generate --catalog "$CAT" --organisations 25 --years 3 --seed 8 --today 2026-11-22 --out "$TMP/g3.json"
cmp -s "$TMP/g1.json" "$TMP/g3.json" && fail "two seeds gave the same book"
expect 0 "governance of a generated book" -- "$CLI" governance --catalog "$CAT" --book "$TMP/g1.json" --on 2026-11-22
contains "$TMP/out" '"violations": []' "generated book governance"
expect 0 "report on a generated book" -- "$CLI" report --catalog "$CAT" --book "$TMP/g1.json" --year 2026 --on 2026-11-22
expect 2 "generate with a bad count" -- "$CLI" generate --catalog "$CAT" --organisations lots --out "$TMP/g4.json"
expect 2 "generate with zero years" -- "$CLI" generate --catalog "$CAT" --years 0 --out "$TMP/g4.json"
expect 2 "generate with a bad date" -- "$CLI" generate --catalog "$CAT" --today 2026-13-01 --out "$TMP/g4.json"
# The committed demo book is exactly what the documented command writes.
expect 0 "regenerate the demo book" -- "$CLI" generate --catalog "$CAT" --organisations 80 --years 5 --seed 2026 --today 2026-11-22 --out "$TMP/demo.json"
cmp -s "$TMP/demo.json" "$DEMO" || fail "assets/demo-book.json differs from 'portal-cli generate --organisations 80 --years 5 --seed 2026 --today 2026-11-22' (regenerate it)"

if [ "$failures" -ne 0 ]; then
    echo "reports.sh: $failures failure(s)" >&2
    exit 1
fi
echo "reports.sh: ok"
