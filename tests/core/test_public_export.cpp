#include <doctest/doctest.h>

#include <set>

#include "core/governance.hpp"
#include "core/public_export.hpp"
#include "core/status.hpp"
#include "core/synthetic.hpp"
#include "reports_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

TEST_CASE("public export of the small book") {
    Book b = small_book();
    Json pub = public_export(b, test_catalog(), d("2026-11-22"));
    CHECK(public_export_text(b, test_catalog(), d("2026-11-22")) == pub.dump());
    CHECK(pub["schema"] == "portal-public/1");
    CHECK(pub["generated_on"] == "2026-11-22");
    CHECK(pub["catalog"]["tiers"].size() == 2);

    SUBCASE("the directory lists listed members in good standing only") {
        // a lapsed, b current and listed, c grace and listed, d/g unlisted, e pending, f not a member.
        std::vector<std::string> ids;
        for (const Json& o : pub["organisations"]) ids.push_back(o["id"]);
        CHECK(ids == std::vector<std::string>{"b", "c"});
        const Json& first = pub["organisations"][0];
        CHECK(first["name"] == "Org b");
        CHECK(first["tier"] == "associate");
        CHECK(first["country"] == "FR");
        CHECK(first["member_since"] == "2023-06-01");
        std::set<std::string> keys;
        for (auto it = first.begin(); it != first.end(); ++it) keys.insert(it.key());
        CHECK(keys == std::set<std::string>{"id", "name", "type", "country", "tier", "member_since"});
    }
    SUBCASE("current seats only; a holder left out of the directory shows as a placeholder with no id, name or person") {
        const Json& ec = pub["committees"]["ec"];
        REQUIRE(ec.size() == 2);  // ec-3 ended in 2022
        // a is listed but lapsed: not in the directory, so its seat names no one either.
        CHECK(ec[0]["org"] == kUnlistedPlaceholder);
        CHECK(ec[0]["person"] == kUnlistedPlaceholder);
        CHECK(ec[1]["org"] == kUnlistedPlaceholder);
        CHECK(ec[1]["person"] == kUnlistedPlaceholder);
        CHECK(ec[1]["term_start"] == "2025-01-01");
        CHECK(pub["committees"]["oc"].empty());
        CHECK(pub["committees"]["trc"].size() == 2);
    }
    SUBCASE("governance summary: count and rule ids, no org, no message") {
        size_t n = check_governance(b, test_catalog(), d("2026-11-22")).size();
        REQUIRE(n > 0);  // a holds an EC seat while lapsed
        CHECK(pub["governance"]["count"] == n);
        CHECK(pub["governance"]["violations"].size() == n);
        for (const Json& r : pub["governance"]["violations"]) {
            CHECK(r.size() == 1);
            CHECK(r.contains("rule"));
        }
    }
    SUBCASE("no private field or unlisted organisation anywhere") {
        std::string text = pub.dump();
        for (const char* s : {"Contact ", "@example.org", "note about", "pipeline note", "Prospect ", "bank transfer",
                              "\"Org d\"", "\"Org g\"", "\"d\"", "\"g\"", "\"Person G\"", "\"a25\"", "IIIFC-2025",
                              "\"p1\"", "Membership"})
            CHECK_MESSAGE(text.find(s) == std::string::npos, "found " << s);
    }
}

// The privacy property: over thousands of random books with unique marker tokens in every private
// field (and in unlisted organisations' names), no marker and no unlisted id appears in the export.
TEST_CASE("public export never leaks a private value (property over random books)") {
    const Catalog catalog = test_catalog();
    const Date today = d("2026-11-22");
    const char* kMarker = "PRIVMARK";
    int unlisted_seats = 0, directory_entries = 0, books = 0;
    for (std::uint64_t seed = 1; seed <= 2000; ++seed) {
        SyntheticRng rng(seed * 7919);
        SyntheticOptions o;
        o.seed = seed;
        o.today = today;
        o.organisations = static_cast<int>(rng.between(1, 14));
        o.years = static_cast<int>(rng.between(1, 3));
        o.prospects = static_cast<int>(rng.between(0, 6));
        o.listed_per_mille = static_cast<int>(rng.between(0, 1000));
        o.unpaid_per_mille = static_cast<int>(rng.between(0, 300));
        Book b = generate_book(catalog, o);

        int k = 0;
        auto mark = [&](std::string& s) { s += " " + std::string(kMarker) + std::to_string(seed) + "x" + std::to_string(k++) + "Q"; };
        std::vector<std::string> unlisted;
        for (Organisation& org : b.organisations) {
            if (rng.chance(250)) org.listed = !org.listed;
            for (Contact& c : org.contacts) {
                mark(c.name);
                mark(c.email);
                mark(c.role);
            }
            mark(org.notes);
            org.extra["private_memo"] = std::string(kMarker) + "extra";
            if (!org.listed) {
                mark(org.name);
                unlisted.push_back(org.id);
            }
        }
        if (!unlisted.empty())
            for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
                for (Seat& s : b.committees.of(c))
                    if (rng.chance(200)) s.org = rng.pick(unlisted);
        for (Invoice& inv : b.invoices)
            for (InvoiceLine& l : inv.lines) mark(l.description);
        for (Payment& p : b.payments) mark(p.method);
        for (Prospect& p : b.prospects) {
            mark(p.name);
            mark(p.notes);
            mark(p.next_action);
        }
        AuditEntry a;
        a.summary = std::string(kMarker) + "audit";
        b.audit.push_back(a);

        Json pub = public_export(b, catalog, today);
        const std::string text = pub.dump();
        // The text the browser publishes is the same document, byte for byte (so it leaks nothing either).
        REQUIRE_MESSAGE(public_export_text(b, catalog, today) == text, "seed " << seed);
        ++books;
        REQUIRE_MESSAGE(text.find(kMarker) == std::string::npos, "seed " << seed << " leaks a private value");
        for (const std::string& id : unlisted)
            REQUIRE_MESSAGE(text.find("\"" + id + "\"") == std::string::npos, "seed " << seed << " leaks " << id);
        for (const Invoice& inv : b.invoices)
            REQUIRE_MESSAGE(text.find("\"" + inv.number + "\"") == std::string::npos, "seed " << seed);
        for (const Prospect& p : b.prospects)
            REQUIRE_MESSAGE(text.find("\"" + p.id + "\"") == std::string::npos, "seed " << seed);

        // Not vacuous: the export still carries what is public.
        BookIndex ix = index_book(b);
        std::size_t expected = 0;
        std::set<std::string> unlisted_set(unlisted.begin(), unlisted.end());
        for (const Organisation& org : b.organisations)
            if (org.listed && org.tier && in_good_standing(membership_status(org, b, ix, catalog, today))) ++expected;
        REQUIRE(pub["organisations"].size() == expected);
        directory_entries += static_cast<int>(expected);
        for (const Json& s : pub["committees"]["ec"]) unlisted_seats += s["org"] == kUnlistedPlaceholder ? 1 : 0;
        for (const Json& s : pub["committees"]["trc"]) unlisted_seats += s["org"] == kUnlistedPlaceholder ? 1 : 0;
    }
    CHECK(books == 2000);
    CHECK(unlisted_seats > 100);       // the placeholder path was exercised
    CHECK(directory_entries > 1000);   // and so was the directory
}
