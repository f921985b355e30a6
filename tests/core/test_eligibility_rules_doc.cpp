// docs/rules.md and src/core/rules.hpp list the same rules with the same seed sentences.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/rules.hpp"

TEST_CASE("eligibility rules: docs/rules.md lists every rule id beside its seed sentence") {
    std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/docs/rules.md", std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    for (const portal::rules::RuleText& r : portal::rules::kAll) {
        INFO(r.id);
        const std::string row = "| `" + std::string(r.id) + "` | ";
        const auto at = doc.find(row);
        REQUIRE(at != std::string::npos);
        const std::string line = doc.substr(at, doc.find('\n', at) - at);
        if (*r.seed) CHECK(line.find("\"" + std::string(r.seed) + "\"") != std::string::npos);
        else CHECK(line.find("**policy**") != std::string::npos);
        CHECK(portal::rules::find_rule(r.id) == &r);
    }
    CHECK(portal::rules::find_rule("no-such-rule") == nullptr);
}
