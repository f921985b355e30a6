#!/usr/bin/env bash
# Integration: portal-cli sync against a real Apache httpd + mod_dav on a free loopback port,
# configured by docs/apache-portal.conf (basic auth for writes, CORS, FileETag Digest).
#   bash tests/integration/apache_sync.sh BUILD_DIR REPO_DIR
# Checks: first push and pull; the envelope opens with WebCrypto (node) and a WebCrypto-written
# one opens in the CLI; public.json has no private field; 401 without or with wrong credentials;
# a stale write meets a real 412 and merges; conflicts stop or are decided; two clients editing
# the same records concurrently for $PORTAL_SYNC_ROUNDS rounds (default 100) lose no update;
# the host stopped mid-session (changes queue, arrive after restart); Apache's weak ETags.
# Apache is stopped at the end, also on failure. Takes well under 90 s.
set -euo pipefail

BUILD=${1:?usage: apache_sync.sh BUILD_DIR REPO_DIR}
REPO=${2:?usage: apache_sync.sh BUILD_DIR REPO_DIR}
CLI="$BUILD/portal-cli"
ROUNDS=${PORTAL_SYNC_ROUNDS:-100}
HERE="$REPO/tests/integration"
START=$SECONDS

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $* ($((SECONDS - START)) s)"; }
[ -x "$CLI" ] || fail "no portal-cli at $CLI"
for tool in jq curl node; do command -v "$tool" >/dev/null || fail "missing tool: $tool"; done

T=$(mktemp -d /tmp/portal-apache-XXXXXX)
mkdir -p "$T/a" "$T/b"
# [SECTION] Apache ----------------------------------------------------------------------------
source "$HERE/apache_lib.sh"
trap 'apache_cleanup "$T"' EXIT
apache_setup "$T" "$REPO" alice 'secret-pw-1'

# [SECTION] Clients ---------------------------------------------------------------------------
printf 'secret-pw-1\n' > "$T/pw"
printf 'wrong-pw-9\n' > "$T/badpw"
printf 'a long shared passphrase\n' > "$T/phrase"
# Fewer PBKDF2 iterations than the default 600,000 keep 200+ CLI runs fast; the envelope
# records the count and the unit tests cover the full one.
COMMON=(--url "$URL" --passphrase-file "$T/phrase" --kdf-iterations 2000 --on 2027-03-01 --retries 3 --timeout 10)
sync_as() {  # sync_as CLIENT [extra args]: CLIENT is a, b or c; writes stdout/stderr to $T/CLIENT.out/.err
    local who=$1; shift
    "$CLI" sync --book "$T/$who/book.json" "${COMMON[@]}" --user alice --password-file "$T/pw" "$@" \
        >"$T/$who.out" 2>"$T/$who.err"
}
expect_sync() {  # expect_sync CODE CLIENT [args]
    local want=$1; shift
    local who=$1 rc=0
    sync_as "$@" || rc=$?
    [ "$rc" = "$want" ] || fail "sync as $who: exit $rc, expected $want: $(cat "$T/$who.out" "$T/$who.err")"
}
edit() {  # edit CLIENT JQ-FILTER [jq args]
    local f="$T/$1/book.json"; shift
    jq -c "$@" "$f" > "$f.tmp" && mv "$f.tmp" "$f"
}
org_field() { jq -r --arg id "$2" ".organisations[] | select(.id == \$id) | .$3" "$T/$1/book.json"; }
count_orgs() { jq "[.organisations[] | select(.id | startswith(\"$2\"))] | length" "$T/$1/book.json"; }
same_books() { cmp -s <(jq -S . "$T/$1/book.json") <(jq -S . "$T/$2/book.json"); }

step "apache on $URL"
start_apache

step "first push (If-None-Match: *) and pull"
"$CLI" generate --catalog "$REPO/assets/catalog.json" --out "$T/a/book.json" --organisations 30 --years 2 \
    --seed 7 --today 2027-03-01 >/dev/null || fail "portal-cli generate failed"
X=$(jq -r '.organisations[0].id' "$T/a/book.json")
Y=$(jq -r '.organisations[1].id' "$T/a/book.json")
expect_sync 0 a
grep -q "(sent)" "$T/a.out" || fail "first sync did not send: $(cat "$T/a.out")"
jq -e '.schema == "portal-envelope/1" and .kdf.iterations == 2000 and .compression == "deflate-raw"' \
    "$T/root/book.enc.json" >/dev/null || fail "book.enc.json is not a compressed portal-envelope/1"
NAME_X=$(org_field a "$X" name)
grep -qF "$NAME_X" "$T/root/book.enc.json" && fail "the private book went out in clear"
expect_sync 0 b
same_books a b || fail "b did not pull a's book"

step "public.json has no private field"
curl -sf "${URL}public.json" > "$T/public.json" || fail "public.json not published"
jq -e '.schema == "portal-public/1"' "$T/public.json" >/dev/null || fail "public.json has no portal-public/1 schema"
for field in notes contacts invoices payments prospects audit; do
    jq -e "[.. | objects | has(\"$field\")] | any | not" "$T/public.json" >/dev/null || fail "public.json holds \"$field\""
done
curl -sf "${URL}catalog.json" | jq -e '.schema == "portal-catalog/1"' >/dev/null || fail "catalog.json not published"
curl -sf "${URL}rates.json" >/dev/null || fail "rates.json not published"
curl -sfI -X OPTIONS -H "Origin: http://example.org" -H "Access-Control-Request-Method: PUT" "${URL}book.enc.json" |
    grep -qi "^access-control-allow-headers:.*if-match" || fail "no CORS preflight answer"

step "the envelope is WebCrypto's format, both ways"
node "$HERE/webcrypto_envelope.mjs" decrypt "$T/root/book.enc.json" "$T/phrase" > "$T/webcrypto.json" ||
    fail "WebCrypto could not decrypt what portal-cli wrote"
cmp -s <(jq -S . "$T/webcrypto.json") <(jq -S . "$T/a/book.json") || fail "WebCrypto decrypted a different book"
jq -c --arg id "$Y" '(.organisations[] | select(.id == $id) | .notes) = "written by WebCrypto"' "$T/webcrypto.json" > "$T/web-edit.json"
node "$HERE/webcrypto_envelope.mjs" encrypt "$T/web-edit.json" 2000 "$T/phrase" > "$T/web.enc.json"
# Writes an envelope made outside portal-cli over the host's current version (If-Match).
put_envelope() {
    local etag code
    etag=$(curl -sI "${URL}book.enc.json" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
    code=$(curl -s -o /dev/null -w '%{http_code}' -u alice:secret-pw-1 -X PUT -H "If-Match: $etag" \
        -H 'Content-Type: application/json' --data-binary "@$1" "${URL}book.enc.json")
    [ "$code" = 204 ] || fail "conditional PUT of $1: HTTP $code"
}
put_envelope "$T/web.enc.json"
expect_sync 0 a
[ "$(org_field a "$Y" notes)" = "written by WebCrypto" ] || fail "portal-cli did not read the WebCrypto envelope"
expect_sync 0 b
# The format before compression (no "compression" member) is still read.
jq -c --arg id "$Y" '(.organisations[] | select(.id == $id) | .notes) = "old format"' "$T/web-edit.json" > "$T/web-old.json"
node "$HERE/webcrypto_envelope.mjs" encrypt "$T/web-old.json" 2000 "$T/phrase" plain > "$T/web-old.enc.json"
jq -e 'has("compression") | not' "$T/web-old.enc.json" >/dev/null || fail "the old-format envelope has a compression member"
put_envelope "$T/web-old.enc.json"
expect_sync 0 a
[ "$(org_field a "$Y" notes)" = "old format" ] || fail "portal-cli did not read an envelope without compression"
expect_sync 0 b

step "401: no credentials, wrong password"
edit a --arg id "$X" '(.organisations[] | select(.id == $id) | .name) = "Needs auth"'
rc=0; "$CLI" sync --book "$T/a/book.json" "${COMMON[@]}" > "$T/a.out" 2> "$T/a.err" || rc=$?
[ "$rc" = 4 ] || fail "write without credentials: exit $rc, expected 4"
grep -q 401 "$T/a.err" || fail "no 401 message: $(cat "$T/a.err")"
rc=0; "$CLI" sync --book "$T/a/book.json" "${COMMON[@]}" --user alice --password-file "$T/badpw" > "$T/a.out" 2> "$T/a.err" || rc=$?
[ "$rc" = 4 ] || fail "write with a wrong password: exit $rc, expected 4"
grep -q "wrong-pw-9" "$T/a.out" "$T/a.err" "$T/a/book.json.sync.json" && fail "a password leaked into output or state"
[ "$(org_field a "$X" name)" = "Needs auth" ] || fail "the refused change was lost locally"
expect_sync 0 a

step "a stale write meets a real 412 and merges"
expect_sync 0 b
edit a --arg id "$Y" '(.organisations[] | select(.id == $id) | .name) = "Name by A"'
edit b --arg id "$Y" '(.organisations[] | select(.id == $id) | .country) = "NZ"'
PORTAL_SYNC_PAUSE_BEFORE_PUT_MS=1200 sync_as b --verbose &
BPID=$!
sleep 0.4
expect_sync 0 a
wait $BPID || fail "b's delayed sync failed: $(cat "$T/b.err")"
grep -q "PUT: 412" "$T/b.err" || fail "b's stale PUT did not get a 412: $(cat "$T/b.err")"
[ "$(org_field b "$Y" name)" = "Name by A" ] && [ "$(org_field b "$Y" country)" = "NZ" ] || fail "412 merge lost an update"
expect_sync 0 a
same_books a b || fail "a and b differ after the 412 merge"

step "a real conflict: stop (nothing changes), then decide"
edit a --arg id "$X" '(.organisations[] | select(.id == $id) | .notes) = "A says"'
edit b --arg id "$X" '(.organisations[] | select(.id == $id) | .notes) = "B says"'
expect_sync 0 a
cp "$T/b/book.json" "$T/b-before.json"
expect_sync 3 b
grep -q "^conflict: organisations/$X field notes" "$T/b.out" || fail "conflict not listed: $(cat "$T/b.out")"
cmp -s "$T/b/book.json" "$T/b-before.json" || fail "a stopped sync changed the local book"
expect_sync 0 b --on-conflict mine
expect_sync 0 a
[ "$(org_field a "$X" notes)" = "B says" ] || fail "take mine did not win"

step "$ROUNDS rounds of concurrent conflicting edits by two clients"
for i in $(seq 1 "$ROUNDS"); do
    edit a --arg i "$i" --arg id "$X" '.organisations += [(.organisations[0] | .id = "org-a-\($i)" | .name = "A \($i)")]
        | (.organisations[] | select(.id == $id) | .name) = "A \($i)"'
    edit b --arg i "$i" --arg id "$X" '.organisations += [(.organisations[0] | .id = "org-b-\($i)" | .name = "B \($i)")]
        | (.organisations[] | select(.id == $id) | .name) = "B \($i)"
        | (.organisations[] | select(.id == $id) | .notes) = "B note \($i)"'
    rca=0; rcb=0
    sync_as a --on-conflict theirs --no-publish & PA=$!
    sync_as b --on-conflict mine --no-publish & PB=$!
    wait $PA || rca=$?
    wait $PB || rcb=$?
    [ $rca = 0 ] || fail "round $i: a exit $rca: $(cat "$T/a.err")"
    [ $rcb = 0 ] || fail "round $i: b exit $rcb: $(cat "$T/b.err")"
done
# Settle with each client's own policy: when two PUTs of the last round raced past mod_dav's
# If-Match (docs/sync.md, "Concurrent PUTs"), the next sync merges against what was replaced and
# may meet a real conflict, which these policies decide as the loop did. Then a sync that may not
# decide anything must find nothing left to do.
expect_sync 0 a --no-publish --on-conflict theirs
expect_sync 0 b --no-publish --on-conflict mine
expect_sync 0 a --no-publish --on-conflict theirs
expect_sync 0 b --no-publish
grep -q "already in sync" "$T/b.out" || fail "b was not in sync after settling: $(cat "$T/b.out" "$T/b.err")"
same_books a b || fail "a and b differ after $ROUNDS rounds"
[ "$(count_orgs a org-a-)" = "$ROUNDS" ] || fail "lost updates: a has $(count_orgs a org-a-) of a's $ROUNDS orgs"
[ "$(count_orgs a org-b-)" = "$ROUNDS" ] || fail "lost updates: a has $(count_orgs a org-b-) of b's $ROUNDS orgs"
[ "$(org_field a "$X" notes)" = "B note $ROUNDS" ] || fail "b's last note was lost"
CONFLICTS=$(grep -c '" 412 ' "$T/run/access.log" || true)
echo "    412 answers from Apache so far: $CONFLICTS"

step "host stopped mid-session: changes queue and arrive after restart"
stop_apache
edit a '.organisations += [(.organisations[0] | .id = "org-offline" | .name = "Added offline")]'
expect_sync 5 a --no-publish
grep -q "kept" "$T/a.err" || fail "offline message does not say the changes are kept: $(cat "$T/a.err")"
[ "$(count_orgs a org-offline)" = 1 ] || fail "the offline change was lost locally"
start_apache
expect_sync 0 a
grep -q "(sent)" "$T/a.out" || fail "the queued change was not sent after the restart"
expect_sync 0 b
[ "$(count_orgs b org-offline)" = 1 ] || fail "the queued change did not arrive"

step "Apache's weak ETags (FileETag INode MTime Size): back-to-back writes"
stop_apache
start_apache -DPORTAL_MTIME_ETAGS
expect_sync 0 a --no-publish
edit a --arg id "$X" '(.organisations[] | select(.id == $id) | .name) = "weak 1"'
expect_sync 0 a --no-publish
edit a --arg id "$X" '(.organisations[] | select(.id == $id) | .name) = "weak 2"'
expect_sync 0 a --no-publish --verbose
grep -q "weak ETag" "$T/a.err" || echo "    (no weak ETag met this time)"
expect_sync 0 b --no-publish
[ "$(org_field b "$X" name)" = "weak 2" ] || fail "weak-ETag writes lost an update"

step "a store folder (docs/storage.md) as the local book"
mkdir -p "$T/c"
"$CLI" sync --book "$T/c" "${COMMON[@]}" --user alice --password-file "$T/pw" --no-publish > "$T/c.out" 2> "$T/c.err" ||
    fail "sync into a store folder: $(cat "$T/c.err")"
grep -q "(received)" "$T/c.out" || fail "the store folder did not receive the book: $(cat "$T/c.out")"
ls "$T/c"/snapshot-*.json >/dev/null 2>&1 || fail "no snapshot in the store folder"
"$CLI" sync --book "$T/c" "${COMMON[@]}" --user alice --password-file "$T/pw" --no-publish > "$T/c.out" 2> "$T/c.err" ||
    fail "second sync of the store folder: $(cat "$T/c.err")"
grep -q "already in sync" "$T/c.out" || fail "the store folder did not reopen to the synced book: $(cat "$T/c.out")"

step "ok: all checks passed in $((SECONDS - START)) s"
