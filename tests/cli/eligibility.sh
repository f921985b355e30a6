#!/usr/bin/env bash
# The eligibility, governance and compare commands against fixtures (tests/fixtures/eligibility/).
# Usage: bash eligibility.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
CLI="$1"
REPO="$2"
F="$REPO/tests/fixtures/eligibility"
CAT="$REPO/assets/catalog.json"
ON="--on 2027-06-01"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed (Debian package jq)"; exit 1; }

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect_rc WANT DESCRIPTION -- command...
expect_rc() {
    local want="$1" what="$2"; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" = "$want" ] || fail "$what: exit $rc, expected $want ($(head -c 300 "$TMP/err"))"
}
# check DESCRIPTION JQ_FILTER: the filter must print true for $TMP/out
check() { [ "$(jq -r "$2" "$TMP/out" 2>/dev/null)" = "true" ] || fail "$1 (jq: $2)"; }

# [SECTION] eligibility -------------------------------------------------------------------------
expect_rc 0 "eligibility of a library application" -- "$CLI" eligibility --catalog "$CAT" --application "$F/application-library.json" $ON
check "contract keys" 'keys == ["reasoning","recommended","tiers"]'
check "library wanting EC and TRC seats gets full" '.recommended == "full"'
check "reasoning present" '(.reasoning | length) > 0 and all(.reasoning[]; type == "string" and length > 0)'
check "tier keys" 'all(.tiers[]; keys == ["annual_fee","benefits","estimated_savings","net_cost","rights","savings_lines","tier"])'
check "rights keys" 'all(.tiers[]; .rights | keys == ["community_groups","ec_seat","ec_vote","oc_seat","trc"])'
check "every right has granted, reason, rule" 'all(.tiers[].rights[]; (.granted | type) == "boolean" and (.reason | length) > 0 and (.rule | length) > 0)'
check "trc mode" '[.tiers[].rights.trc.mode] == ["seat","nominate"]'
check "money as integer minor units" 'all(.tiers[]; (.annual_fee.amount | type) == "number" and .annual_fee.currency == "USD" and .net_cost.amount == .annual_fee.amount - .estimated_savings.amount)'
check "savings: 4 attendees x max(75,100) + 6 seats x 150 = 1,300 USD under full" '.tiers[0].estimated_savings.amount == 130000 and (.tiers[0].savings_lines | length) == 3'
check "community groups always granted" 'all(.tiers[]; .rights.community_groups.granted and .rights.community_groups.rule == "community-open")'

expect_rc 0 "eligibility with no interests" -- "$CLI" eligibility --catalog "$CAT" --application "$F/application-empty-interests.json" $ON
check "no interests: cheapest net cost" '.recommended == "associate"'

expect_rc 0 "commercial application against a book with the commercial seats taken" -- \
    "$CLI" eligibility --catalog "$CAT" --application "$F/application-company.json" --book "$F/book.json" $ON
check "EC seat refused by the commercial cap" '.tiers[0].rights.ec_seat.granted == false and .tiers[0].rights.ec_seat.rule == "ec-commercial-cap"'
check "no tier recommended for an EC seat that cannot be had" '.recommended == null'
check "reasoning says the commercial seats are taken" 'any(.reasoning[]; test("are taken"))'
check "commercial full members still vote" '.tiers[0].rights.ec_vote.granted'

expect_rc 0 "eligibility of a book organisation holding a commercial EC seat" -- \
    "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org corp1 $ON
check "a commercial member already holding a seat keeps its eligibility" '.tiers[0].rights.ec_seat.granted and (.tiers[0].rights.ec_seat.reason | test("already holds"))'

expect_rc 0 "eligibility of a lapsed member" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org museum1 $ON
check "lapsed: vote refused under good-standing, naming the lapse" '.tiers[0].rights.ec_vote.granted == false and .tiers[0].rights.ec_vote.rule == "good-standing" and (.tiers[0].rights.ec_vote.reason | test("lapsed"))'
check "lapsed: community groups still open" '.tiers[0].rights.community_groups.granted'

expect_rc 0 "the same organisation before its grace period ends" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org museum1 --on 2027-03-01
check "in grace: vote granted" '.tiers[0].rights.ec_vote.granted'

expect_rc 0 "a tier added in the catalog JSON only" -- "$CLI" eligibility --catalog "$F/catalog-with-patron.json" --application "$F/application-library.json" $ON
check "three tiers" '[.tiers[].tier] == ["full","associate","patron"]'
check "patron rights from its JSON" '.tiers[2].rights.ec_vote.granted and (.tiers[2].rights.ec_seat.granted | not) and .tiers[2].rights.oc_seat.granted and .tiers[2].rights.trc.mode == "none" and (.tiers[2].rights.trc.granted | not)'

expect_rc 0 "deterministic output (1)" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org corp5 $ON
cp "$TMP/out" "$TMP/first"
expect_rc 0 "deterministic output (2)" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org corp5 $ON
cmp -s "$TMP/out" "$TMP/first" || fail "two runs gave different output"

# Bad arguments: exit 2 with usage.
expect_rc 2 "no arguments" -- "$CLI" eligibility
grep -q "usage: portal-cli eligibility" "$TMP/err" || fail "usage line missing"
expect_rc 2 "--application and --org together" -- "$CLI" eligibility --catalog "$CAT" --application "$F/application-library.json" --book "$F/book.json" --org corp1
expect_rc 2 "--org without --book" -- "$CLI" eligibility --catalog "$CAT" --org corp1
expect_rc 2 "a malformed --on" -- "$CLI" eligibility --catalog "$CAT" --application "$F/application-library.json" --on 2027-02-30
expect_rc 2 "an unknown option" -- "$CLI" eligibility --catalog "$CAT" --application "$F/application-library.json" --frobnicate
# Invalid input: exit 1 with FILE: POINTER: MESSAGE lines.
expect_rc 1 "an invalid book" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book-invalid.json" --org x
grep -q "^$F/book-invalid.json: /organisations/0/member_since: " "$TMP/err" || fail "no pointer to member_since: $(cat "$TMP/err")"
grep -q "^$F/book-invalid.json: /committees/ec/0/term_start: " "$TMP/err" || fail "every problem should be listed"
expect_rc 1 "an unknown organisation" -- "$CLI" eligibility --catalog "$CAT" --book "$F/book.json" --org nobody
grep -q "/organisations: " "$TMP/err" || fail "unknown organisation message"
expect_rc 1 "a missing catalog file" -- "$CLI" eligibility --catalog "$TMP/none.json" --application "$F/application-library.json"
grep -q "^$TMP/none.json: " "$TMP/err" || fail "missing file message"

# [SECTION] governance --------------------------------------------------------------------------
expect_rc 0 "governance with violations still exits 0" -- "$CLI" governance --catalog "$CAT" --book "$F/book.json" $ON
check "violation keys" 'keys == ["violations"] and all(.violations[]; keys == ["committee","message","org","rule","seat_id"])'
check "the 4th commercial EC seat (latest term_start)" '[.violations[] | select(.rule == "ec-commercial-cap") | .seat_id] == ["ec-5"]'
check "an associate on the OC" '[.violations[] | select(.rule == "committee-seat-full-only") | .seat_id] == ["oc-2"]'
check "a lapsed member holding a TRC seat" '[.violations[] | select(.rule == "good-standing") | .org] == ["museum1"]'
check "too many associate TRC reps (3 associates, cap 2)" '[.violations[] | select(.rule == "trc-associate-share") | .seat_id] == ["trc-4"]'
check "exactly these four" '(.violations | length) == 4'
expect_rc 0 "governance before the 4th seat and the lapse" -- "$CLI" governance --catalog "$CAT" --book "$F/book.json" --on 2026-12-31
check "earlier: only the associate on the OC" '[.violations[].rule] == ["committee-seat-full-only"]'
expect_rc 2 "governance without --book" -- "$CLI" governance --catalog "$CAT"
expect_rc 1 "governance of an invalid book" -- "$CLI" governance --catalog "$CAT" --book "$F/book-invalid.json"
grep -q "^$F/book-invalid.json: /" "$TMP/err" || fail "governance invalid book message"

# [SECTION] compare -----------------------------------------------------------------------------
expect_rc 0 "compare as text" -- "$CLI" compare --catalog "$CAT"
grep -q "Full membership" "$TMP/out" && grep -q "Associate membership" "$TMP/out" || fail "tier columns"
grep -q "10,000.00 USD" "$TMP/out" && grep -q "2,500.00 USD" "$TMP/out" || fail "fees"
grep -q "^\* .*Voting rights on the Executive Committee" "$TMP/out" || fail "a differing benefit is marked"
grep -q "^  Priority attendance at IIIF Working meetings" "$TMP/out" || fail "a shared benefit is not marked"
grep -q "Ability to nominate a representative" "$TMP/out" || fail "full seed wording"
expect_rc 0 "compare with a local currency" -- "$CLI" compare --catalog "$CAT" --currency EUR --rates "$REPO/assets/rates.json"
grep -q "9,215.00 EUR" "$TMP/out" || fail "EUR equivalent of 10,000 USD at 0.9215"
grep -q "rates of 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]" "$TMP/out" || fail "the rates' date"
expect_rc 1 "compare with an unknown currency" -- "$CLI" compare --catalog "$CAT" --currency XXX --rates "$REPO/assets/rates.json"
expect_rc 2 "compare with a malformed currency" -- "$CLI" compare --catalog "$CAT" --currency euro
expect_rc 0 "compare as HTML" -- "$CLI" compare --catalog "$F/catalog-with-patron.json" --currency GBP --html "$TMP/compare.html"
H="$TMP/compare.html"
[ -s "$H" ] || fail "no HTML written"
grep -q '<html lang="en">' "$H" || fail "lang attribute"
grep -q '<caption>' "$H" || fail "caption"
grep -q '<th scope="col">' "$H" && grep -q '<th scope="row">' "$H" || fail "th scope"
grep -q '@media print' "$H" || fail "print CSS"
grep -q 'Patron &lt;gold&gt; &amp; friends' "$H" || fail "labels escaped"
grep -q '<gold>' "$H" && fail "raw markup from a label"
grep -q 'GBP' "$H" || fail "local currency in HTML"

if [ "$fails" -ne 0 ]; then
    echo "eligibility.sh: $fails failure(s)"
    exit 1
fi
echo "eligibility.sh: all passed"
