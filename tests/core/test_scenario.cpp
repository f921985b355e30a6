#include <doctest/doctest.h>

#include "core/scenario.hpp"
#include "reports_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
Json scenario_doc() {
    return Json::parse(R"({
      "schema": "portal-scenario/1",
      "name": "Raise the full fee, add a supporter tier",
      "fee_changes": { "full": 1200000 },
      "new_tiers": [ { "id": "supporter", "label": "Supporter", "annual_fee": 100000,
                       "conversions": { "new": 3, "from": { "associate": 1 } } } ],
      "pipeline": true,
      "churn_per_mille": 100
    })");
}
Scenario read_ok(const Json& doc) {
    Read<Scenario> r = scenario_from_json(doc, test_catalog());
    REQUIRE_MESSAGE(r.ok(), (r.problems.empty() ? "" : r.problems[0].pointer + ": " + r.problems[0].message));
    return *r.value;
}
Problems read_bad(const Json& doc) {
    Read<Scenario> r = scenario_from_json(doc, test_catalog());
    CHECK_FALSE(r.ok());
    return r.problems;
}
bool has(const Problems& ps, const std::string& pointer, const std::string& part) {
    for (const Problem& p : ps)
        if (p.pointer == pointer && p.message.find(part) != std::string::npos) return true;
    return false;
}
const ScenarioTier& line(const ScenarioResult& r, const char* tier) {
    for (const ScenarioTier& l : r.tiers)
        if (l.tier == tier) return l;
    FAIL("no tier " << tier);
    return r.tiers.front();
}
}  // namespace

TEST_CASE("scenario projection on the small book matches the golden file") {
    ScenarioResult r = run_scenario(small_book(), test_catalog(), read_ok(scenario_doc()), d("2026-11-22"));
    check_golden(scenario_result_to_json(r), "small_book_scenario.json");
}

TEST_CASE("scenario: fee change, new tier, churn and pipeline add up") {
    ScenarioResult r = run_scenario(small_book(), test_catalog(), read_ok(scenario_doc()), d("2026-11-22"));
    CHECK(r.current_year == 2026);
    CHECK(r.projected_year == 2027);
    CHECK(r.current_total == 3000000 + 541667 + 45000);

    const ScenarioTier& full = line(r, "full");
    CHECK(full.current_members == 2);  // c and g; a lapsed
    CHECK(full.projected_fee == 1200000);
    CHECK(full.existing == 2400000);
    CHECK(full.churn == 240000);
    CHECK(full.pipeline == 480000);  // 1,200,000 x 0.4
    CHECK(full.projected == 2640000);

    const ScenarioTier& assoc = line(r, "associate");
    CHECK(assoc.current_members == 2);  // b, and e pending; d cancelled
    CHECK(assoc.members == 1);          // one moved to supporter
    CHECK(assoc.pipeline == 187500);
    CHECK(assoc.projected == 250000 - 25000 + 187500);

    const ScenarioTier& sup = line(r, "supporter");
    CHECK(sup.is_new);
    CHECK(sup.members == 1);
    CHECK(sup.conversions == 300000);
    CHECK(sup.projected == 100000 - 10000 + 300000);

    CHECK(r.projected_total == 2640000 + 412500 + 390000);
    CHECK(r.change == r.projected_total - r.current_total);
    CHECK(r.explanation.size() >= 5);
}

TEST_CASE("scenario: pipeline rounds once, at the end, in integer minor units") {
    Book b = small_book();
    b.prospects.clear();
    for (const char* id : {"x1", "x2"}) {
        Prospect p;
        p.id = id;
        p.stage = Stage::Contacted;
        p.expected_tier = "associate";
        p.probability = 1.0 / 3.0;
        b.prospects.push_back(p);
    }
    Scenario s;
    s.pipeline = true;
    ScenarioResult r = run_scenario(b, test_catalog(), s, d("2026-11-22"));
    // 250,000 x 333,333 ppm = 83,333.25 each; summed 166,666.5 -> 166,667 (per-prospect rounding gives 166,666).
    CHECK(line(r, "associate").pipeline == 166667);
    CHECK(probability_ppm(0.4) == 400000);
    CHECK(probability_ppm(-1) == 0);
    CHECK(probability_ppm(2) == 1000000);

    SUBCASE("joined and declined prospects are not pipeline") {
        b.prospects[0].stage = Stage::Joined;
        b.prospects[1].stage = Stage::Declined;
        CHECK(line(run_scenario(b, test_catalog(), s, d("2026-11-22")), "associate").pipeline == 0);
    }
    SUBCASE("without pipeline: false nothing is converted") {
        s.pipeline = false;
        CHECK(line(run_scenario(b, test_catalog(), s, d("2026-11-22")), "associate").pipeline == 0);
    }
}

TEST_CASE("scenario: an empty scenario projects current members at current fees") {
    Json doc{{"schema", "portal-scenario/1"}};
    ScenarioResult r = run_scenario(small_book(), test_catalog(), read_ok(doc), d("2026-11-22"));
    CHECK(r.projected_total == 2 * 1000000 + 2 * 250000);
}

TEST_CASE("scenario input is validated with pointers") {
    SUBCASE("unknown tier in a fee change") {
        Json doc = scenario_doc();
        doc["fee_changes"]["gold"] = 5;
        CHECK(has(read_bad(doc), "/fee_changes/gold", "unknown tier"));
    }
    SUBCASE("negative fee") {
        Json doc = scenario_doc();
        doc["fee_changes"]["full"] = -1;
        CHECK(has(read_bad(doc), "/fee_changes/full", "negative"));
    }
    SUBCASE("fractional money, even when it looks whole") {
        Json doc = scenario_doc();
        doc["new_tiers"][0]["annual_fee"] = 1000.5;
        CHECK(has(read_bad(doc), "/new_tiers/0/annual_fee", "integer"));
        doc["new_tiers"][0]["annual_fee"] = 1000.0;
        CHECK(has(read_bad(doc), "/new_tiers/0/annual_fee", "integer"));
    }
    SUBCASE("money as a string") {
        Json doc = scenario_doc();
        doc["fee_changes"]["full"] = "1200000";
        CHECK(has(read_bad(doc), "/fee_changes/full", "integer"));
    }
    SUBCASE("wrong schema, unknown field, bad churn") {
        Json doc = scenario_doc();
        doc["schema"] = "portal-scenario/2";
        doc["churn"] = 5;
        doc["churn_per_mille"] = 1001;
        Problems ps = read_bad(doc);
        CHECK(has(ps, "/schema", "portal-scenario/1"));
        CHECK(has(ps, "/churn", "unknown field"));
        CHECK(has(ps, "/churn_per_mille", "between 0 and 1000"));
    }
    SUBCASE("new tier clashing with the catalog, twice, or moving from an unknown tier") {
        Json doc = scenario_doc();
        doc["new_tiers"].push_back(Json{{"id", "full"}, {"annual_fee", 1}});
        doc["new_tiers"].push_back(Json{{"id", "supporter"}, {"annual_fee", 1}});
        doc["new_tiers"][0]["conversions"]["from"]["bronze"] = 2;
        Problems ps = read_bad(doc);
        CHECK(has(ps, "/new_tiers/1/id", "already in the catalog"));
        CHECK(has(ps, "/new_tiers/2/id", "given twice"));
        CHECK(has(ps, "/new_tiers/0/conversions/from/bronze", "unknown tier"));
    }
    SUBCASE("missing fee, pointer escaping, not an object") {
        Json doc = scenario_doc();
        doc["new_tiers"][0].erase("annual_fee");
        doc["fee_changes"]["a/b~c"] = 1;
        Problems ps = read_bad(doc);
        CHECK(has(ps, "/new_tiers/0/annual_fee", "required"));
        CHECK(has(ps, "/fee_changes/a~1b~0c", "unknown tier"));
        CHECK(has(read_bad(Json::array()), "", "JSON object"));
    }
    SUBCASE("moving more members than a tier has is reported against the book") {
        Json doc = scenario_doc();
        doc["new_tiers"][0]["conversions"]["from"]["associate"] = 3;
        Problems ps = check_scenario_against_book(read_ok(doc), small_book(), test_catalog(), d("2026-11-22"));
        CHECK(has(ps, "/new_tiers/0/conversions/from/associate", "only 2"));
        CHECK(check_scenario_against_book(read_ok(scenario_doc()), small_book(), test_catalog(), d("2026-11-22")).empty());
    }
}
