// Helpers shared by the tests/core/test_json_*.cpp files.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/json_io.hpp"

namespace portal::testing {

inline std::string read_repo_file(const std::string& relative) {
    std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline const Catalog& bundled_catalog() {
    static const Catalog c = [] {
        auto r = read_catalog(bundled_catalog_text());
        REQUIRE(r.ok());
        return *r.value;
    }();
    return c;
}

inline std::string describe(const Problems& ps) {
    std::string s;
    for (const auto& p : ps) s += "  '" + p.pointer + "': " + p.message + "\n";
    return s.empty() ? "  (no problems)\n" : s;
}

// True when some problem sits exactly at `pointer` and its message contains `fragment`.
inline bool has_problem(const Problems& ps, const std::string& pointer, const std::string& fragment) {
    for (const auto& p : ps)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

#define CHECK_PROBLEM(problems, pointer, fragment)                                                   \
    do {                                                                                           \
        INFO("expected '" << (pointer) << "': ..." << (fragment) << "... in\n" << describe(problems)); \
        CHECK(has_problem((problems), (pointer), (fragment)));                                     \
    } while (0)

// A book with only the data contract's fields (PRODUCT.md), every value sensible.
inline Json contract_book() {
    return Json::parse(R"json({
      "schema": "portal-book/1",
      "organisations": [
        { "id": "o1", "name": "Example Library", "type": "library", "country": "GB", "tier": "full",
          "member_since": "2020-01-01", "listed": true,
          "contacts": [ { "name": "Ada Reader", "email": "ada@example.org", "role": "director" } ], "notes": "" },
        { "id": "o2", "name": "Example Co", "type": "company", "commercial": true, "country": "US", "tier": "associate",
          "member_since": "2024-07-01", "listed": false, "contacts": [], "notes": "met at the conference" },
        { "id": "o3", "name": "Not Yet Museum", "type": "museum", "country": "DE", "tier": null,
          "member_since": null, "listed": false, "contacts": [], "notes": "" }
      ],
      "committees": {
        "ec": [ { "org": "o1", "person": "Ada Reader", "term_start": "2026-01-01", "term_end": "2027-12-31" } ],
        "oc": [ { "org": "o1", "person": "Ben Archivist", "term_start": "2026-01-01", "term_end": "2027-12-31" } ],
        "trc": [ { "org": "o1", "person": "Cy Coder", "term_start": "2026-01-01", "term_end": "2027-12-31" },
                 { "org": "o2", "person": "Di Dev", "term_start": "2026-01-01", "term_end": "2026-12-31" } ]
      },
      "invoices": [
        { "id": "i1", "number": "IIIFC-2026-0001", "org": "o1", "issued": "2026-01-05", "due": "2026-02-04",
          "currency": "USD", "lines": [ { "description": "Full membership 2026", "amount": 1000000 } ], "status": "paid" },
        { "id": "i2", "number": "IIIFC-2026-0002", "org": "o2", "issued": "2026-07-01", "due": "2026-07-31",
          "currency": "USD", "lines": [ { "description": "Associate membership 2026 (6/12)", "amount": 125000 } ],
          "status": "overdue" }
      ],
      "payments": [ { "id": "p1", "invoice": "i1", "date": "2026-01-20", "amount": 1000000, "method": "bank transfer" } ],
      "prospects": [
        { "id": "pr1", "name": "Example University", "type": "university", "country": "FR", "stage": "contacted",
          "expected_tier": "associate", "probability": 0.4, "next_action": "send the tier comparison",
          "next_action_date": "2026-12-01" }
      ]
    })json");
}

}  // namespace portal::testing
