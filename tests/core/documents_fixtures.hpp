// Shared by the document tests (test_html*, test_csv*, test_reminders*, test_intake*): the small
// book of reports_fixtures.hpp with consortium details, hostile names, and text golden files under
// tests/fixtures/documents/ (PORTAL_UPDATE_GOLDEN=1 rewrites them; review the diff).
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "reports_fixtures.hpp"

namespace portal::testing {

inline const char* kScriptName = "<script>alert(1)</script>";
inline const char* kImgName = "\"><img src=x onerror=alert(1)>";

inline Catalog documents_catalog() {
    Catalog c = test_catalog();
    c.consortium.name = "IIIF Consortium";
    c.consortium.address = "c/o CLIR, fiscal host";
    c.consortium.email = "admin@iiif.io";
    c.consortium.payment_instructions = "Pay by bank transfer to CLIR, quoting the invoice number.";
    c.benefits = {{"training_discount", "Discounts on training and workshops", "", std::nullopt, Json::object()},
                  {"ec_vote", "Vote on the Executive Committee", "", std::nullopt, Json::object()}};
    c.tiers[0].benefits = {"training_discount", "ec_vote"};
    c.tiers[1].benefits = {"training_discount"};
    c.invoicing.reminder_days = {14, 30, 60};
    return c;
}

// small_book() with org "a" renamed to the script tag and org "c" to the attribute breaker, and
// contacts with accents.
inline Book hostile_book() {
    Book b = small_book();
    b.organisations[0].name = kScriptName;
    b.organisations[2].name = kImgName;
    b.organisations[1].name = "Universit\u00e9 de Gen\u00e8ve";
    b.organisations[1].contacts[0].name = "Zo\u00eb M\u00fcller";
    return b;
}

inline std::string documents_path(const std::string& name) {
    return std::string(PORTAL_SOURCE_DIR) + "/tests/fixtures/documents/" + name;
}

inline void check_golden_text(const std::string& actual, const std::string& name) {
    const std::string path = documents_path(name);
    if (std::getenv("PORTAL_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        MESSAGE("rewrote " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing golden file " << path << " (run with PORTAL_UPDATE_GOLDEN=1)");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string expected = ss.str();
    if (expected == actual) return;
    std::size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
    FAIL_CHECK(name << " differs from the golden file at byte " << at << "\nexpected: "
                    << expected.substr(at > 80 ? at - 80 : 0, 200) << "\nactual:   "
                    << actual.substr(at > 80 ? at - 80 : 0, 200));
}

// Every occurrence of `needle` in `hay`.
inline std::size_t count_of(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

}  // namespace portal::testing
