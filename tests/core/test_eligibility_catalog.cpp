// The engine on the real catalog (assets/catalog.json, bundled) and on a tier added in JSON only.
#include <doctest/doctest.h>

#include "core/json_io.hpp"
#include "eligibility_builders.hpp"

using namespace portal;
using namespace portal::elig_test;

namespace {
Catalog bundled() {
    Read<Catalog> r = read_catalog(bundled_catalog_text());
    REQUIRE(r.ok());
    return *r.value;
}
}  // namespace

TEST_CASE("eligibility catalog: a tier added to the catalog JSON just works") {
    Read<Json> doc = parse_json_text(bundled_catalog_text());
    REQUIRE(doc.ok());
    Json j = *doc.value;
    j["tiers"].push_back(Json{{"id", "institutional_supporter"},
                              {"label", "Institutional supporter"},
                              {"annual_fee", 500000},
                              {"benefits", {"conference_institution_rate", "community_groups"}},
                              {"rights", {{"ec_vote", true}, {"ec_seat", false}, {"oc_seat", true}, {"trc", "nominate"}}}});
    Read<Catalog> c = catalog_from_json(j);
    REQUIRE(c.ok());

    Subject s = applicant(false, {"ec_vote", "oc_seat"});
    s.usage.conference_attendees = 3;
    GovernanceContext ctx;
    ctx.associate_members = 4;
    ctx.associate_trc_representatives = 2;  // 5 with the applicant: cap 3, one place free
    Evaluation e = evaluate(s, *c.value, &ctx);
    REQUIRE(e.tiers.size() == 3);
    const TierEvaluation& t = tier_of(e, "institutional_supporter");
    CHECK(t.ec_vote.granted);
    CHECK_FALSE(t.ec_seat.granted);
    CHECK(t.oc_seat.granted);
    CHECK(t.trc.mode == TrcMode::Nominate);
    CHECK(t.trc.granted);
    CHECK(t.estimated_savings.amount == 3 * 10000);
    CHECK(t.community_groups.granted);
    // It grants both rights asked for and costs less than full membership.
    CHECK(e.recommended == std::optional<std::string>("institutional_supporter"));

    SUBCASE("its members count as associates for the TRC share") {
        Book b;
        b.organisations = {org("a", std::string("associate")), org("s", std::string("institutional_supporter"))};
        GovernanceContext bc = context_from_book(b, *c.value, kOn);
        CHECK(bc.associate_members == 2);
    }
}

TEST_CASE("eligibility catalog: the bundled catalog's tiers") {
    const Catalog c = bundled();
    Subject s = applicant(false, {"ec_seat", "trc_seat"});
    s.usage = {4, 6};
    Evaluation e = evaluate(s, c, nullptr);
    CHECK(e.recommended == std::optional<std::string>("full"));
    const TierEvaluation& full = tier_of(e, "full");
    // Full: an attendee gets one discount, the larger of 75 and 100: 4 x 100 + 6 x 150 = 1,300 USD;
    // associate: 4 x 75 + 6 x 150 = 1,200 USD.
    CHECK(full.estimated_savings == Money{130000, "USD"});
    CHECK(tier_of(e, "associate").estimated_savings == Money{120000, "USD"});
    CHECK(full.savings_lines.size() == 3);
    int counted = 0, not_added = 0;
    for (const std::string& line : full.savings_lines) {
        if (line.find("not added") != std::string::npos) {
            ++not_added;
            CHECK(line.find("Institution-wide special rates") != std::string::npos);  // names the estimate that counts
        } else {
            ++counted;
            CHECK(line.find("Assumption") != std::string::npos);
        }
    }
    CHECK(counted == 2);
    CHECK(not_added == 1);

    SUBCASE("the Assessor agrees with evaluate on every tier") {
        Assessor a(c, nullptr);
        Assessment as;
        a.assess(s, as);
        REQUIRE(as.tiers.size() == e.tiers.size());
        for (std::size_t i = 0; i < as.tiers.size(); ++i) {
            CHECK(as.tiers[i].ec_seat.granted == e.tiers[i].ec_seat.granted);
            CHECK(std::string(as.tiers[i].trc.rule) == e.tiers[i].trc.rule);
            CHECK(as.tiers[i].net_cost == e.tiers[i].net_cost.amount);
        }
        CHECK(as.recommended == 0);
    }
}
