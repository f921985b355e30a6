#!/usr/bin/env bash
# CLI contract tests for the staff book: apply, renew, invoices.
# usage: bash book.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
CLI="$1"
REPO="$2"
FIX="$REPO/tests/fixtures/book"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

fail() {
    echo "FAIL (book.sh): $*" >&2
    if [ -s "$TMP/err" ]; then echo "--- stderr:" >&2; cat "$TMP/err" >&2; fi
    exit 1
}
# run EXPECTED_EXIT CMD...: stdout to $TMP/out, stderr to $TMP/err
run() {
    local want="$1"
    shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "expected exit $want, got $rc: $*"
}
check() { jq -e "$1" "$2" >/dev/null 2>&1 || fail "jq '$1' does not hold on $2"; }
has() { grep -qF -- "$1" "$2" || fail "'$1' not found in $2: $(cat "$2")"; }

AT="2027-04-15T09:00:00Z"

# [SECTION] apply: a valid batch ------------------------------------------------------------------
run 0 "$CLI" apply --book "$FIX/book.json" --actions "$FIX/actions.json" --out "$TMP/b1.json" --who tester --at "$AT"
has "7 actions applied" "$TMP/out"
B1="$TMP/b1.json"
check '.schema == "portal-book/1"' "$B1"
check '.invoices | length == 4' "$B1"
check '.payments | length == 3' "$B1"
check '[.organisations[] | select(.id == "org-rijks-collection" and .tier == "associate" and .member_since == "2027-04-15")] | length == 1' "$B1"
# The joiner's first invoice: April to December, 9/12 of 2,500.00 USD.
check '.invoices[2] | .number == "IIIFC-2027-0003" and .org == "org-rijks-collection" and .lines[0].amount == 187500 and .due == "2027-05-15"' "$B1"
check '.invoices[3] | .number == "IIIFC-2027-0004" and .lines[0].amount == 50000' "$B1"
check '.prospects[0].stage == "joined"' "$B1"
check '.committees.ec | length == 1' "$B1"
check '[.organisations[] | select(.id == "org-acme")][0].listed == false' "$B1"
check '.audit | length == 7' "$B1"
check '[.audit[].seq] == [1,2,3,4,5,6,7]' "$B1"
check 'all(.audit[]; .who == "tester" and .at == "2027-04-15T09:00:00Z")' "$B1"

# Without --out the new book goes to stdout and the input is left alone.
cp "$FIX/book.json" "$TMP/in.json"
run 0 "$CLI" apply --book "$TMP/in.json" --actions "$FIX/actions.json" --at "$AT"
check '.invoices | length == 4' "$TMP/out"
cmp -s "$FIX/book.json" "$TMP/in.json" || fail "apply without --out changed its input"

# [SECTION] apply: rejections are all or nothing, with pointers into the actions file --------------
run 1 "$CLI" apply --book "$FIX/book.json" --actions "$FIX/bad_actions.json" --out "$TMP/bad.json" --at "$AT"
has "$FIX/bad_actions.json: /1/org/tier: 'gold' is not a tier in the catalog" "$TMP/err"
has "$FIX/bad_actions.json: /1/token: unknown field" "$TMP/err"
[ ! -e "$TMP/bad.json" ] || fail "a rejected batch wrote a book"
[ ! -s "$TMP/out" ] || fail "a rejected batch printed to stdout"

# One action object: pointers without an index; governance refusals cite the rule.
run 1 "$CLI" apply --book "$FIX/book.json" --actions "$FIX/bad_seat.json" --at "$AT"
has "$FIX/bad_seat.json: /org: " "$TMP/err"
has "committee-seat-full-only" "$TMP/err"

printf '[{"type": "org.add",' >"$TMP/broken.json"
run 1 "$CLI" apply --book "$FIX/book.json" --actions "$TMP/broken.json"
has "$TMP/broken.json: " "$TMP/err"
run 1 "$CLI" apply --book "$TMP/missing.json" --actions "$FIX/actions.json"
has "$TMP/missing.json: " "$TMP/err"

# Usage errors.
run 2 "$CLI" apply --book "$FIX/book.json"
has "--actions is required" "$TMP/err"
run 2 "$CLI" apply --book "$FIX/book.json" --actions "$FIX/actions.json" --at "yesterday"
run 2 "$CLI" apply --book "$FIX/book.json" --actions "$FIX/actions.json" --frobnicate

# [SECTION] renew -----------------------------------------------------------------------------
# A preview (no --out): BL and Acme are renewed; Late Museum and the unpaid joiner have lapsed,
# Gone Archive is cancelled.
run 0 "$CLI" renew --book "$B1" --year 2028 --on 2027-12-01 --at 2027-12-01T10:00:00Z
check '.applied == false and .created == 2 and .total == 1250000' "$TMP/out"
check '[.invoices[].org] == ["org-bl", "org-acme"]' "$TMP/out"
check '[.invoices[].number] == ["IIIFC-2027-0005", "IIIFC-2027-0006"]' "$TMP/out"
check '[.skipped[] | select(.org == "org-late")][0].reason == "lapsed"' "$TMP/out"
check '[.skipped[] | select(.org == "org-gone")][0].reason | startswith("cancelled")' "$TMP/out"

run 0 "$CLI" renew --book "$B1" --year 2028 --on 2027-12-01 --out "$TMP/b2.json" --who tester --at 2027-12-01T10:00:00Z
check '.applied == true and .created == 2' "$TMP/out"
check '.invoices | length == 6' "$TMP/b2.json"
check '.invoices[5] | .membership_year == 2028 and .lines[0].amount == 250000 and .due == "2027-12-31"' "$TMP/b2.json"
check '.audit[-1].action.type == "renewal.run"' "$TMP/b2.json"

# Idempotent: a second run creates nothing.
run 0 "$CLI" renew --book "$TMP/b2.json" --year 2028 --on 2027-12-02 --out "$TMP/b3.json"
check '.created == 0' "$TMP/out"
check '.invoices | length == 6' "$TMP/b3.json"

run 2 "$CLI" renew --book "$B1"
run 2 "$CLI" renew --book "$B1" --year 28
run 2 "$CLI" renew --book "$B1" --year 2028 --on 2027-02-29

# [SECTION] invoices --------------------------------------------------------------------------
run 0 "$CLI" invoices --book "$B1" --on 2027-04-15 --catalog "$REPO/assets/catalog.json"
check '.invoices | length == 4' "$TMP/out"
check '.invoices[0] | .status == "paid" and .paid == 1000000 and .outstanding == 0' "$TMP/out"
check '.invoices[1] | .status == "overdue" and .paid == 400000 and .outstanding == 600000 and .days_overdue == 71' "$TMP/out"
check '.invoices[2] | .status == "sent" and .org_name == "Rijks Collection"' "$TMP/out"
check '.invoices[3].status == "paid"' "$TMP/out"

run 0 "$CLI" invoices --book "$B1" --overdue --on 2027-06-01
check '[.invoices[].number] == ["IIIFC-2027-0002", "IIIFC-2027-0003"]' "$TMP/out"
check '.on == "2027-06-01"' "$TMP/out"

run 2 "$CLI" invoices --book "$B1" --on 2027-13-01
run 2 "$CLI" invoices
run 1 "$CLI" invoices --book "$FIX/bad_seat.json"

echo "book.sh: all checks passed"
