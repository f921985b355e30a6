// A small hand-made book for the report, scenario and public-export tests, and the golden-file
// comparison (tests/fixtures/reports/*.json). Set PORTAL_UPDATE_GOLDEN=1 to rewrite a golden file
// after a deliberate change, then review the diff.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "book_builders.hpp"
#include "core/model.hpp"

namespace portal::testing {

// Seven organisations, one of each situation the reports tell apart (on 2026-11-22):
//   a  full, library GB: 2025 paid; 2026 paid 400,000 of 1,000,000, past grace -> lapsed, 90+
//   b  associate, university FR: 2025 and 2026 paid -> renewed; a payment after `on` is ignored
//   c  full, company US, joined 2025-09-15 (prorated 2025); 2026 invoice issued 2026-10-01 unpaid -> 0-30
//   d  associate, library DE: 2025 paid; 2026 voided and reissued, unpaid, cancelled 2026-06-01
//   e  associate, library GB, joined 2026-11-01: join invoice not yet due -> pending
//   f  not a member, library GB: a workshop invoice (no tier) unpaid -> 31-60
//   g  full, library GB: 2025 paid; 2026 issued 2026-08-01 unpaid -> 61-90, in grace
// plus a draft invoice for a (never counted) and three prospects.
inline Book small_book() {
    Book b;
    auto org = [&](const char* id, const char* tier, const char* since, const char* type, const char* country,
                   bool listed) {
        Organisation o = member(id, tier, since, type);
        o.name = std::string("Org ") + id;
        o.country = country;
        o.listed = listed;
        o.contacts = {{std::string("Contact ") + id, std::string(id) + "@example.org", "Membership contact", Json::object()}};
        o.notes = std::string("note about ") + id;
        b.organisations.push_back(o);
    };
    org("a", "full", "2024-03-01", "library", "GB", true);
    org("b", "associate", "2023-06-01", "university", "FR", true);
    org("c", "full", "2025-09-15", "company", "US", true);
    org("d", "associate", "2022-01-01", "library", "DE", false);
    org("e", "associate", "2026-11-01", "library", "GB", true);
    org("f", nullptr, nullptr, "library", "GB", false);
    org("g", "full", "2020-01-01", "library", "GB", false);
    b.organisations[3].cancelled_on = d("2026-06-01");

    auto inv = [&](const char* id, const char* org, const char* issued, const char* due, std::int64_t amount,
                   std::optional<int> year, const char* tier) {
        Invoice i = invoice(id, org, issued, due, amount, year);
        if (tier) i.tier = tier;
        b.invoices.push_back(i);
    };
    inv("a25", "a", "2025-01-10", "2025-02-09", 1000000, 2025, "full");
    inv("a26", "a", "2026-01-10", "2026-02-09", 1000000, 2026, "full");
    inv("b25", "b", "2025-01-10", "2025-02-09", 250000, 2025, "associate");
    inv("b26", "b", "2026-01-10", "2026-02-09", 250000, 2026, "associate");
    inv("c25", "c", "2025-09-15", "2025-10-15", 333333, 2025, "full");
    inv("c26", "c", "2026-10-01", "2026-10-31", 1000000, 2026, "full");
    inv("d25", "d", "2025-01-10", "2025-02-09", 250000, 2025, "associate");
    inv("d26v", "d", "2026-01-05", "2026-02-04", 250000, 2026, "associate");
    b.invoices.back().state = InvoiceState::Void;
    inv("d26", "d", "2026-01-08", "2026-02-07", 250000, 2026, "associate");
    inv("e26", "e", "2026-11-01", "2026-12-01", 41667, 2026, "associate");
    inv("f26", "f", "2026-09-01", "2026-10-01", 45000, std::nullopt, nullptr);
    inv("g25", "g", "2025-01-10", "2025-02-09", 1000000, 2025, "full");
    inv("g26", "g", "2026-08-01", "2026-08-31", 1000000, 2026, "full");
    inv("a26x", "a", "2026-11-01", "2026-12-01", 15000, std::nullopt, nullptr);
    b.invoices.back().state = InvoiceState::Draft;

    b.payments = {payment("p1", "a25", "2025-02-01", 1000000), payment("p2", "a26", "2026-02-01", 400000),
                  payment("p3", "b25", "2025-01-30", 250000),  payment("p4", "b26", "2026-03-01", 250000),
                  payment("p5", "c25", "2025-10-01", 333333),  payment("p6", "d25", "2025-02-01", 250000),
                  payment("p7", "g25", "2025-02-05", 1000000), payment("p8", "e26", "2026-12-05", 41667)};

    auto prospect = [&](const char* id, Stage stage, const char* tier, double probability) {
        Prospect p;
        p.id = id;
        p.name = std::string("Prospect ") + id;
        p.type = "museum";
        p.country = "IT";
        p.stage = stage;
        if (tier) p.expected_tier = tier;
        p.probability = probability;
        p.notes = std::string("pipeline note ") + id;
        b.prospects.push_back(p);
    };
    prospect("p-1", Stage::Interested, "full", 0.4);
    prospect("p-2", Stage::Applied, "associate", 0.75);
    prospect("p-3", Stage::Declined, "full", 0.0);

    auto seat = [](const char* id, const char* org, const char* person, const char* start, const char* end) {
        Seat s;
        s.id = id;
        s.org = org;
        s.person = person;
        s.term_start = d(start);
        if (end) s.term_end = d(end);
        return s;
    };
    b.committees.ec = {seat("ec-1", "a", "Person A", "2025-01-01", "2027-12-31"),
                       seat("ec-2", "g", "Person G", "2025-01-01", "2027-12-31"),
                       seat("ec-3", "b", "Person B old", "2020-01-01", "2022-12-31")};
    b.committees.trc = {seat("trc-1", "c", "Person C", "2026-01-01", nullptr),
                        seat("trc-2", "g", "Person G2", "2026-01-01", nullptr)};
    return b;
}

inline std::string fixture_path(const std::string& name) {
    return std::string(PORTAL_SOURCE_DIR) + "/tests/fixtures/reports/" + name;
}

// Compares `actual` with the golden file; with PORTAL_UPDATE_GOLDEN set, rewrites it instead.
inline void check_golden(const Json& actual, const std::string& name) {
    const std::string path = fixture_path(name);
    if (std::getenv("PORTAL_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual.dump(2) << "\n";
        MESSAGE("rewrote " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing golden file " << path);
    std::stringstream ss;
    ss << in.rdbuf();
    Json expected = Json::parse(ss.str(), nullptr, false);
    REQUIRE_MESSAGE(!expected.is_discarded(), "golden file is not JSON: " << path);
    CHECK_MESSAGE(expected == actual, name << " differs from the golden file\nexpected:\n"
                                           << expected.dump(2) << "\nactual:\n" << actual.dump(2));
}

}  // namespace portal::testing
