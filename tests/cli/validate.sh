#!/usr/bin/env bash
# portal-cli validate: exit codes and the `FILE: <json-pointer>: <message>` lines.
# usage: bash validate.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
cli="$1"
repo="$2"
fx="$repo/tests/fixtures/validate"
fail=0
out=""

run() {  # run EXPECTED_EXIT ARGS...: runs validate, keeps stdout+stderr in $out
    local want="$1"
    shift
    out="$("$cli" validate "$@" 2>&1)"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: validate $* exited $got, expected $want"
        echo "$out" | sed 's/^/    /'
        fail=1
    fi
}

has() {  # has LINE: $out must contain exactly this line
    if ! printf '%s\n' "$out" | grep -Fxq -- "$1"; then
        echo "FAIL: missing line: $1"
        echo "  in:"
        echo "$out" | sed 's/^/    /'
        fail=1
    fi
}

count() {  # count N: $out has N lines
    local n
    n="$(printf '%s\n' "$out" | grep -c .)"
    if [ "$n" != "$1" ]; then
        echo "FAIL: expected $1 lines, got $n:"
        echo "$out" | sed 's/^/    /'
        fail=1
    fi
}

# Good files of every format, in one call.
run 0 "$repo/assets/catalog.json" "$repo/assets/rates.json" "$fx/book_contract.json" "$fx/application.json" "$fx/public.json"
has "$repo/assets/catalog.json: ok (portal-catalog/1)"
has "$repo/assets/rates.json: ok (portal-rates/1)"
has "$fx/book_contract.json: ok (portal-book/1)"
has "$fx/application.json: ok (portal-application/1)"
has "$fx/public.json: ok (portal-public/1)"
count 5

# A bad book: every problem, each with its pointer.
run 1 "$fx/book_bad.json"
has "$fx/book_bad.json: /organisations/0/country: \"gb\" is not a country code (two upper-case letters, ISO 3166-1 alpha-2, e.g. \"DE\")"
has "$fx/book_bad.json: /invoices/0/due: the due date (2026-01-01) is before the issue date (2026-01-05)"
has "$fx/book_bad.json: /invoices/0/lines/0/amount: must be a whole number of minor units (cents) written as a JSON integer, got 12.5"
has "$fx/book_bad.json: /payments/0/invoice: unknown invoice \"i9\" (not in /invoices)"
has "$fx/book_bad.json: /organisations/1/tier: unknown tier \"platinum\" (not in the catalog)"
has "$fx/book_bad.json: /prospects/0/probability: must be between 0 and 1, got 2"
count 6

# One bad file among good ones: exit 1, the good ones still reported ok.
run 1 "$fx/book_contract.json" "$fx/application_bad.json"
has "$fx/book_contract.json: ok (portal-book/1)"
has "$fx/application_bad.json: /name: required member is missing"
has "$fx/application_bad.json: /usage/conference_attendees: must not be negative, got -1"
has "$fx/application_bad.json: /type: unknown organisation type \"castle\" (not in the catalog)"
count 4

# Versions, schemas, syntax.
run 1 "$fx/book_v2.json" "$fx/no_schema.json" "$fx/unknown_schema.json" "$fx/not_json.json"
has "$fx/book_v2.json: /schema: unsupported version \"portal-book/2\" (this tool reads portal-book/1)"
has "$fx/no_schema.json: /schema: required member is missing (expected portal-catalog/1, portal-book/1, portal-application/1, portal-rates/1 or portal-public/1)"
has "$fx/unknown_schema.json: /schema: unknown schema \"acme-thing/3\" (expected portal-catalog/1, portal-book/1, portal-application/1, portal-rates/1 or portal-public/1)"
has "$fx/not_json.json: /: not valid JSON: unexpected ',' at line 3, column 21 (byte 51)"
count 4

# A catalog's own problems.
run 1 "$fx/catalog_bad.json"
has "$fx/catalog_bad.json: /tiers/0/annual_fee: must not be negative, got -1"
has "$fx/catalog_bad.json: /tiers/1/benefits/9: unknown benefit \"free_lunch\" (not listed in /benefits)"
count 2

# --catalog: a book using a tier only that catalog has.
run 1 "$fx/book_gold.json"
has "$fx/book_gold.json: /organisations/0/tier: unknown tier \"gold\" (not in the catalog)"
run 0 --catalog "$fx/catalog_gold.json" "$fx/book_gold.json"
has "$fx/book_gold.json: ok (portal-book/1)"
run 1 --catalog "$fx/catalog_bad.json" "$fx/book_contract.json"
has "$fx/catalog_bad.json: /tiers/0/annual_fee: must not be negative, got -1"

# A public export with a private field.
run 1 "$fx/public_leak.json"
has "$fx/public_leak.json: /organisations/0/contacts: private field \"contacts\" in a public export"

# Missing file and usage errors.
run 1 "$fx/does_not_exist.json"
has "$fx/does_not_exist.json: /: cannot open: No such file or directory"
run 2
run 2 --catalog
run 2 --bogus "$fx/book_contract.json"

if [ "$fail" = 0 ]; then echo "validate.sh: all checks passed"; fi
exit "$fail"
