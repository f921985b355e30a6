#!/usr/bin/env bash
# portal-cli sync without a host: usage errors (exit 2), bad inputs (exit 1), and an unreachable
# host (exit 5, local book untouched). The full protocol is tests/integration/apache_sync.sh.
#   bash tests/cli/sync_cli.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -uo pipefail
CLI=${1:?usage: sync_cli.sh PORTAL_CLI REPO}
REPO=${2:?usage: sync_cli.sh PORTAL_CLI REPO}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect CODE ARGS...
    local want=$1 rc=0; shift
    "$CLI" sync "$@" >"$T/out" 2>"$T/err" || rc=$?
    [ "$rc" = "$want" ] || fail "sync $*: exit $rc, expected $want: $(cat "$T/out" "$T/err")"
}
printf 'pass phrase\n' > "$T/phrase"
printf 'pw\n' > "$T/pw"
: > "$T/empty"
"$CLI" generate --catalog "$REPO/assets/catalog.json" --out "$T/book.json" --organisations 5 --years 1 \
    --seed 3 --today 2027-03-01 >/dev/null || fail "generate failed"
cp "$T/book.json" "$T/book-before.json"

expect 2 --book "$T/book.json"
grep -q -- "--url is required" "$T/err" || fail "no message for a missing --url"
expect 2 --book "$T/book.json" --url http://127.0.0.1:9/
grep -q "passphrase" "$T/err" || fail "no message for a missing --passphrase-file"
expect 2 --book "$T/book.json" --url http://127.0.0.1:9/ --passphrase-file "$T/phrase" --on-conflict maybe
expect 2 --book "$T/book.json" --url ftp://host/ --passphrase-file "$T/phrase"
expect 2 --book "$T/book.json" --url http://127.0.0.1:9/ --passphrase-file "$T/phrase" --user alice
expect 1 --book "$T/book.json" --url http://127.0.0.1:9/ --passphrase-file "$T/empty"
grep -q "passphrase file is empty" "$T/err" || fail "no message for an empty passphrase file"

# Nothing listens on port 9 of loopback: offline, changes kept, exit 5, no password echoed.
expect 5 --book "$T/book.json" --url http://127.0.0.1:9/ --passphrase-file "$T/phrase" \
    --user alice --password-file "$T/pw" --retries 2 --kdf-iterations 1000
grep -q "kept" "$T/err" || fail "offline message does not say the changes are kept: $(cat "$T/err")"
grep -q "pass phrase" "$T/out" "$T/err" && fail "the passphrase was echoed"
cmp -s "$T/book.json" "$T/book-before.json" || fail "an offline sync changed the local book"
echo "ok"
