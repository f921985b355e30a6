#!/usr/bin/env bash
# CLI contract for the document commands (docs/documents.md): invoice-html, export-csv, reminders,
# intake, directory, quote.
# Usage: bash documents.sh PATH_TO_PORTAL_CLI PATH_TO_REPO
set -u
CLI="$1"
REPO="$2"
CAT="$REPO/assets/catalog.json"
DEMO="$REPO/assets/demo-book.json"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() {
    local want="$1" what="$2"
    shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$TMP/err")"
}
contains() { grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $(basename "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$3: '$2' found in $(basename "$1")"; }

# A book with hostile names, built from the demo book.
python3 - "$DEMO" "$TMP/hostile.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["organisations"][0]["name"] = "<script>alert(1)</script>"
b["organisations"][1]["name"] = "\"><img src=x onerror=alert(1)>"
b["organisations"][2]["name"] = "=cmd|' /C calc'!A0"
json.dump(b, open(sys.argv[2], "w"))
PY
INV=$(python3 -c "import json,sys; b=json.load(open('$TMP/hostile.json')); print([i['number'] for i in b['invoices'] if i['org']==b['organisations'][0]['id']][-1])")

# [SECTION] invoice-html
expect 0 "invoice-html" -- "$CLI" invoice-html --book "$TMP/hostile.json" --invoice "$INV" --out "$TMP/inv.html" --on 2026-11-22 --page a4
contains "$TMP/inv.html" "$INV" "invoice number"
contains "$TMP/inv.html" "&lt;script&gt;alert(1)&lt;/script&gt;" "invoice escaped name"
lacks "$TMP/inv.html" "<script" "invoice has no script"
contains "$TMP/inv.html" "@page{size:A4" "invoice page size"
contains "$TMP/inv.html" "admin@iiif.io" "invoice consortium"
expect 1 "invoice-html unknown invoice" -- "$CLI" invoice-html --book "$DEMO" --invoice NOPE --out "$TMP/x.html"
contains "$TMP/err" "no invoice with id or number \"NOPE\"" "unknown invoice message"
expect 2 "invoice-html without --invoice" -- "$CLI" invoice-html --book "$DEMO" --out "$TMP/x.html"
expect 2 "invoice-html bad page" -- "$CLI" invoice-html --book "$DEMO" --invoice "$INV" --out "$TMP/x.html" --page legal

# [SECTION] export-csv
for what in organisations invoices payments aging; do
    expect 0 "export-csv $what" -- "$CLI" export-csv --book "$TMP/hostile.json" --what "$what" --out "$TMP/$what.csv" --on 2026-11-22
    head -c 200 "$TMP/$what.csv" | grep -q $'\r$' || fail "export-csv $what: no CRLF line ends"
done
contains "$TMP/organisations.csv" "'=cmd|' /C calc'!A0" "csv formula neutralised"
contains "$TMP/organisations.csv" '"""><img src=x onerror=alert(1)>"' "csv quotes doubled"
contains "$TMP/invoices.csv" "id,number,org,org_name,issued,due,currency,total,paid,outstanding" "csv header"
expect 2 "export-csv bad --what" -- "$CLI" export-csv --book "$DEMO" --what contacts --out "$TMP/x.csv"
contains "$TMP/err" "usage: portal-cli export-csv" "export-csv usage"

# [SECTION] reminders
expect 0 "reminders" -- "$CLI" reminders --book "$DEMO" --on 2026-11-22 --out "$TMP/eml" --record "$TMP/recorded.json" --who tester --at 2026-11-22
n=$(ls "$TMP/eml" | wc -l)
[ "$n" -gt 0 ] || fail "reminders wrote no .eml file"
first=$(ls "$TMP/eml" | head -1)
contains "$TMP/eml/$first" "Content-Type: text/plain; charset=utf-8" "eml content type"
contains "$TMP/eml/$first" "From: IIIF Consortium <admin@iiif.io>" "eml from"
contains "$TMP/recorded.json" '"reminders_sent"' "reminders recorded in the book"
contains "$TMP/recorded.json" '"reminder.record"' "reminders in the audit log"
expect 0 "reminders again on the recorded book" -- "$CLI" reminders --book "$TMP/recorded.json" --on 2026-11-22 --out "$TMP/eml2"
contains "$TMP/out" "0 reminder(s) drafted" "never twice"
expect 0 "reminders --json" -- "$CLI" reminders --book "$DEMO" --on 2026-11-22 --out "$TMP/eml3" --json
contains "$TMP/out" '"mailto": "mailto:' "reminders json mailto"
expect 2 "reminders without --out" -- "$CLI" reminders --book "$DEMO"

# [SECTION] intake
cat >"$TMP/app.json" <<'JSON'
{ "schema": "portal-application/1", "name": "Bibliothèque Exemplaire", "type": "library", "country": "FR",
  "usage": { "conference_attendees": 2, "training_seats": 1 }, "interests": [ "trc_seat" ], "tier": "associate",
  "contact_name": "Zoé", "contact_email": "zoe@example.org" }
JSON
expect 0 "intake" -- "$CLI" intake --book "$DEMO" --application "$TMP/app.json" --out "$TMP/intake.json" --at 2026-11-22
contains "$TMP/intake.json" '"stage":"applied"' "intake stage"
contains "$TMP/intake.json" '"prospect.intake"' "intake audited"
sed 's/Bibliothèque Exemplaire/BIBLIOTHEQUE  exemplaire./' "$TMP/app.json" >"$TMP/dup.json"
expect 1 "intake of a duplicate" -- "$CLI" intake --book "$TMP/intake.json" --application "$TMP/dup.json" --out "$TMP/intake2.json"
contains "$TMP/err" "$TMP/dup.json: /name:" "duplicate pointer"
contains "$TMP/err" "prospect prospect-biblioth-que-exemplaire" "duplicate names the record"
[ ! -e "$TMP/intake2.json" ] || fail "a refused intake wrote a book"
echo '{"schema": "portal-application/1", "name": "X", "type": "rocket", "country": "fr"}' >"$TMP/bad-app.json"
expect 1 "intake of an invalid application" -- "$CLI" intake --book "$DEMO" --application "$TMP/bad-app.json" --out "$TMP/i3.json"
contains "$TMP/err" "$TMP/bad-app.json: /type" "invalid application pointer"

# [SECTION] directory
expect 0 "directory" -- "$CLI" directory --catalog "$CAT" --book "$TMP/hostile.json" --out "$TMP/members.html" --on 2026-11-22
contains "$TMP/members.html" "Member directory" "directory title"
lacks "$TMP/members.html" "<script" "directory has no script"
lacks "$TMP/members.html" "<img" "directory has no img"
lacks "$TMP/members.html" "@example" "directory has no contact"

# [SECTION] quote
expect 0 "quote" -- "$CLI" quote --catalog "$CAT" --tier full --name "Org <b>" --currency EUR --rates "$REPO/assets/rates.json" --on 2026-11-22 --out "$TMP/quote.html"
contains "$TMP/quote.html" "Org &lt;b&gt;" "quote escaped"
contains "$TMP/quote.html" "EUR" "quote local currency"
contains "$TMP/quote.html" "2026-12-22" "quote valid until"
expect 0 "quote from an application" -- "$CLI" quote --application "$TMP/app.json" --on 2026-11-22 --out "$TMP/quote2.html"
contains "$TMP/quote2.html" "Associate" "quote tier from application"
expect 1 "quote for an unknown tier" -- "$CLI" quote --tier gold --name X --out "$TMP/q.html"
contains "$TMP/err" "--tier: 'gold' is not a tier" "quote unknown tier"
expect 1 "quote in an unknown currency" -- "$CLI" quote --tier full --name X --currency XXX --out "$TMP/q.html"
expect 2 "quote without a name" -- "$CLI" quote --tier full --out "$TMP/q.html"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "documents.sh: all passed"
