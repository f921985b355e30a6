#!/usr/bin/env bash
# CLI contract tests for the invariants of docs/reliability.md: no output replaces an input, size
# checked before reading, NUL and trailing bytes, duplicate names in actions and applications,
# dates and --at checked, --help on every command, the bundled catalog by default, reminder file
# names one to one, every refusal naming the file and a pointer.
# usage: bash trust.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
CLI="$1"
REPO="$2"
FIX="$REPO/tests/fixtures/book"
TMP="$(mktemp -d)"
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

fail() {
    echo "FAIL (trust.sh): $*" >&2
    if [ -s "$TMP/err" ]; then echo "--- stderr:" >&2; cat "$TMP/err" >&2; fi
    exit 1
}
run() {  # run EXPECTED_EXIT CMD...: stdout to $TMP/out, stderr to $TMP/err
    local want="$1"
    shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "expected exit $want, got $rc: $*"
}
has() { grep -qF -- "$1" "$2" || fail "'$1' not found in $2: $(cat "$2")"; }
hasnt() { ! grep -qF -- "$1" "$2" || fail "'$1' found in $2"; }
same() { cmp -s "$1" "$2" || fail "$1 changed"; }

AT="2027-04-15T09:00:00Z"
cp "$FIX/book.json" "$TMP/b.json"
cp "$FIX/book.json" "$TMP/orig.json"

# [SECTION] No output replaces an input (same inode, whatever the path) --------------------------
for args in "export-public --book $TMP/b.json --out $TMP/b.json" \
            "export-csv --book $TMP/b.json --what organisations --out $TMP/./b.json" \
            "directory --book $TMP/b.json --out $TMP/b.json" \
            "invoice-html --book $TMP/b.json --invoice $(jq -r '.invoices[0].id' "$FIX/book.json") --out $TMP/b.json" \
            "apply --book $TMP/b.json --actions $FIX/actions.json --out $TMP/b.json --at $AT" \
            "renew --book $TMP/b.json --year 2027 --on 2027-01-05 --out $TMP/b.json --at $AT"; do
    # shellcheck disable=SC2086
    run 1 "$CLI" $args
    has "is also an input of this command" "$TMP/err"
    same "$TMP/b.json" "$TMP/orig.json"
done
ln -s "$TMP/b.json" "$TMP/link.json"
ln "$TMP/b.json" "$TMP/hard.json"
run 1 "$CLI" export-public --book "$TMP/b.json" --out "$TMP/link.json"
run 1 "$CLI" export-public --book "$TMP/hard.json" --out "$TMP/b.json"
run 1 "$CLI" apply --book "$TMP/b.json" --actions "$TMP/hard.json" --out "$TMP/link.json" --at "$AT"
same "$TMP/b.json" "$TMP/orig.json"

# A write that fails says where and why.
mkdir "$TMP/ro" && chmod a-w "$TMP/ro"
if [ "$(id -u)" != 0 ]; then
    run 1 "$CLI" export-public --book "$TMP/b.json" --out "$TMP/ro/p.json"
    has "$TMP/ro/p.json: /: cannot create $TMP/ro/p.json.tmp: Permission denied" "$TMP/err"
fi
run 1 "$CLI" export-public --book "$TMP/b.json" --out "$TMP/missing/dir/p.json"
has "No such file or directory" "$TMP/err"

# [SECTION] Reading: size first, NUL, trailing bytes, directories ------------------------------
printf '%s\0junk' "$(cat "$TMP/b.json")" > "$TMP/nul.json"
run 1 "$CLI" validate "$TMP/nul.json"
has "$TMP/nul.json: /: not valid JSON: a NUL byte (0x00)" "$TMP/err"
cp "$TMP/b.json" "$TMP/copy.json"
run 1 "$CLI" apply --book "$TMP/nul.json" --actions "$FIX/actions.json" --out "$TMP/copy.json" --at "$AT"
same "$TMP/copy.json" "$TMP/b.json"
run 1 "$CLI" validate "$TMP"
has "$TMP: /: is a directory, not a file" "$TMP/err"
run 1 "$CLI" validate "$TMP/nope.json"
has "$TMP/nope.json: /: cannot open: No such file or directory" "$TMP/err"
truncate -s 300M "$TMP/huge.json"
run 1 "$CLI" validate "$TMP/huge.json"
has "is 314572800 bytes, over the limit of 268435456 bytes" "$TMP/err"
rm -f "$TMP/huge.json"
# A pipe stops at the limit instead of reading everything first.
run 1 bash -c "head -c 300000000 /dev/zero | '$CLI' validate /dev/stdin"
has "over the limit of 268435456 bytes" "$TMP/err"
printf '[%s]' "$(head -c 5000 /dev/zero | tr '\0' 9)" > "$TMP/long.json"
run 1 "$CLI" validate "$TMP/long.json"
has "number too long (5000 characters)" "$TMP/err"

# [SECTION] Duplicate names in actions and applications ------------------------------------------
printf '{"type":"org.add","type":"org.cancel","id":"x"}' > "$TMP/dup_actions.json"
run 1 "$CLI" apply --book "$TMP/b.json" --actions "$TMP/dup_actions.json" --at "$AT"
has "$TMP/dup_actions.json: /type: member appears more than once" "$TMP/err"
printf '{"schema":"portal-application/1","name":"A","name":"B","type":"library","country":"GB"}' > "$TMP/dup_app.json"
run 1 "$CLI" intake --book "$TMP/b.json" --application "$TMP/dup_app.json" --at "$AT"
has "/name: member appears more than once" "$TMP/err"

# [SECTION] Dates and times ----------------------------------------------------------------------
run 2 "$CLI" apply --book "$TMP/b.json" --actions "$FIX/actions.json" --at "2027-04-15T25:61:61Z"
has "real time of day" "$TMP/err"
run 2 "$CLI" apply --book "$TMP/b.json" --actions "$FIX/actions.json" --at "0000-01-01"
has "supported range" "$TMP/err"
org="$(jq -r '.organisations[0].id' "$TMP/b.json")"
printf '{"type":"invoice.create","org":"%s","issued":"9999-12-31","lines":[{"description":"x","amount":5}]}' "$org" > "$TMP/late.json"
run 1 "$CLI" apply --book "$TMP/b.json" --actions "$TMP/late.json" --at "$AT"
has "/issued: the due date (30 days later) would be after 9999-12-31" "$TMP/err"

# [SECTION] Money limits -------------------------------------------------------------------------
printf '{"type":"invoice.create","org":"%s","lines":[{"description":"x","amount":9223372036854775807}]}' "$org" > "$TMP/big.json"
run 1 "$CLI" apply --book "$TMP/b.json" --actions "$TMP/big.json" --at "$AT"
has "/lines/0/amount: must be between 0 and 1000000000000" "$TMP/err"

# [SECTION] Every command: --help, and the bundled catalog by default ----------------------------
for c in $("$CLI" help | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
    run 0 "$CLI" "$c" --help
    has "usage: portal-cli $c" "$TMP/out"
done
run 0 "$CLI" report --book "$TMP/b.json" --year 2027 --on 2027-04-15
run 0 "$CLI" governance --book "$TMP/b.json" --on 2027-04-15
run 0 "$CLI" export-public --book "$TMP/b.json" --out "$TMP/pub.json" --on 2027-04-15

# [SECTION] Reminder file names are one to one with invoice numbers ------------------------------
jq '(.invoices[0].number) = "A/B" | (.invoices[1].number) = "A_B"' "$TMP/b.json" > "$TMP/ab.json"
if "$CLI" validate "$TMP/ab.json" >/dev/null 2>&1; then
    run 0 "$CLI" reminders --book "$TMP/ab.json" --out "$TMP/eml" --on 2027-12-31 --at "$AT"
    n_files="$(find "$TMP/eml" -name '*.eml' | wc -l)"
    n_lines="$(grep -c '\.eml:' "$TMP/out")"
    [ "$n_files" = "$n_lines" ] || fail "$n_lines reminders drafted but $n_files files written"
    for f in $(find "$TMP/eml" -name '*.eml'); do
        awk '{ if (length($0) > 999) exit 1 }' "$f" || fail "$f has a line over 998 characters"
    done
fi

echo "trust.sh: ok"
