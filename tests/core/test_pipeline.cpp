#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/pipeline.hpp"
#include "core/status.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
ActionContext ctx(const char* day = "2027-04-15") { return {"md", std::string(day) + "T08:00:00Z", d(day)}; }

bool has_problem(const ApplyResult& r, const std::string& pointer, const std::string& fragment = "") {
    for (const Problem& p : r.problems)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

Prospect prospect(const std::string& id, Stage stage, const char* tier = "full") {
    Prospect p;
    p.id = id;
    p.name = "Museum " + id;
    p.type = "library";
    p.country = "NL";
    p.stage = stage;
    if (tier) p.expected_tier = tier;
    return p;
}

Json advance(const std::string& id, const char* stage) { return {{"type", "prospect.advance"}, {"id", id}, {"stage", stage}}; }

const Stage kStages[] = {Stage::Identified, Stage::Contacted, Stage::Interested, Stage::Applied, Stage::Joined, Stage::Declined};
}  // namespace

TEST_CASE("pipeline transitions: one step forward, decline before joining, reopen after declining") {
    const Catalog c = test_catalog();
    CHECK(stage_transition_allowed(Stage::Identified, Stage::Contacted));
    CHECK(stage_transition_allowed(Stage::Contacted, Stage::Interested));
    CHECK(stage_transition_allowed(Stage::Interested, Stage::Applied));
    CHECK(stage_transition_allowed(Stage::Applied, Stage::Joined));
    CHECK(stage_transition_allowed(Stage::Declined, Stage::Identified));
    for (Stage s : {Stage::Identified, Stage::Contacted, Stage::Interested, Stage::Applied})
        CHECK(stage_transition_allowed(s, Stage::Declined));
    CHECK(next_stages(Stage::Joined).empty());

    // Every pair not listed above is refused by the reducer, and the prospect stays where it was.
    int refused = 0;
    for (Stage from : kStages) {
        for (Stage to : kStages) {
            if (stage_transition_allowed(from, to)) continue;
            CAPTURE(to_string(from));
            CAPTURE(to_string(to));
            Book b;
            b.prospects = {prospect("p", from)};
            ApplyResult r = apply_action(b, c, advance("p", to_string(to)), ctx());
            CHECK_FALSE(r.ok);
            CHECK(has_problem(r, "/stage", std::string("cannot move from ") + to_string(from)));
            CHECK(b.prospects[0].stage == from);
            CHECK(b.organisations.empty());
            ++refused;
        }
    }
    CHECK(refused == 36 - 9);
}

TEST_CASE("prospect.advance moves along the pipeline") {
    const Catalog c = test_catalog();
    Book b;
    b.prospects = {prospect("p", Stage::Identified)};
    for (const char* s : {"contacted", "interested", "applied"}) REQUIRE(apply_action(b, c, advance("p", s), ctx()).ok);
    CHECK(b.prospects[0].stage == Stage::Applied);
    CHECK(b.audit.back().summary.find("interested -> applied") != std::string::npos);
    SUBCASE("decline and reopen") {
        REQUIRE(apply_action(b, c, advance("p", "declined"), ctx()).ok);
        REQUIRE(apply_action(b, c, advance("p", "identified"), ctx()).ok);
        CHECK(b.prospects[0].stage == Stage::Identified);
    }
    SUBCASE("unknown stage and prospect") {
        CHECK(has_problem(apply_action(b, c, advance("p", "won"), ctx()), "/stage", "not a pipeline stage"));
        CHECK(has_problem(apply_action(b, c, advance("q", "joined"), ctx()), "/id", "no prospect"));
    }
    SUBCASE("joining fields only when joining") {
        b.prospects[0].stage = Stage::Interested;
        Json a = advance("p", "applied");
        a["tier"] = "full";
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/tier", "only when the stage is joined"));
    }
}

TEST_CASE("joining creates the organisation and its prorated first invoice") {
    const Catalog c = test_catalog();
    Book b;
    b.prospects = {prospect("p", Stage::Applied, "associate")};
    b.prospects[0].application = {{"contact_name", "Ann"}, {"contact_email", "ann@museum.nl"}, {"commercial", false}};
    ApplyResult r = apply_action(b, c, advance("p", "joined"), ctx("2027-04-15"));
    REQUIRE(r.ok);
    CHECK(b.prospects[0].stage == Stage::Joined);
    REQUIRE(b.organisations.size() == 1);
    const Organisation& o = b.organisations[0];
    CHECK(o.id == "org-museum-p");
    CHECK(o.tier == std::optional<std::string>("associate"));
    CHECK(o.member_since == d("2027-04-15"));
    CHECK(o.country == "NL");
    CHECK(o.type == "library");
    CHECK(o.commercial == std::optional<bool>(false));
    REQUIRE(o.contacts.size() == 1);
    CHECK(o.contacts[0].email == "ann@museum.nl");
    REQUIRE(b.invoices.size() == 1);
    const Invoice& inv = b.invoices[0];
    CHECK(inv.org == o.id);
    CHECK(invoice_total(inv) == 187500);  // April to December: 9/12 of 2,500.00
    CHECK(inv.membership_year == std::optional<int>(2027));
    CHECK(inv.number == "IIIFC-2027-0001");
    CHECK(inv.issued == d("2027-04-15"));
    CHECK(inv.due == d("2027-05-15"));
    CHECK(inv.state == InvoiceState::Sent);
    CHECK(b.audit.size() == 1);
    CHECK(r.summary.find("1,875.00 USD") != std::string::npos);
    // A new member is pending until its first invoice is paid.
    CHECK(membership_status(o, b, index_book(b), c, d("2027-04-20")) == MembershipStatus::Pending);
    b.payments.push_back(payment("x", inv.id, "2027-05-01", 187500));
    CHECK(membership_status(o, b, index_book(b), c, d("2027-05-01")) == MembershipStatus::Current);
}

TEST_CASE("joining: tier override, chosen date and id, and refusals") {
    const Catalog c = test_catalog();
    Book b;
    b.organisations = {member("org-museum-p", "full", "2020-01-01")};
    b.prospects = {prospect("p", Stage::Applied, nullptr)};
    SUBCASE("no tier anywhere") {
        ApplyResult r = apply_action(b, c, advance("p", "joined"), ctx());
        CHECK(has_problem(r, "/stage", "joining needs a tier"));
        CHECK(b.prospects[0].stage == Stage::Applied);
        CHECK(b.organisations.size() == 1);
        CHECK(b.invoices.empty());
    }
    SUBCASE("tier, date and id given; the derived id avoids a taken one") {
        Json a = advance("p", "joined");
        a["tier"] = "full";
        a["on"] = "2027-12-01";
        REQUIRE(apply_action(b, c, a, ctx()).ok);
        CHECK(b.organisations[1].id == "org-museum-p-2");
        CHECK(invoice_total(b.invoices[0]) == 83333);  // December: 1/12 of 10,000.00
    }
    SUBCASE("an org_id already taken") {
        Json a = advance("p", "joined");
        a["tier"] = "full";
        a["org_id"] = "org-museum-p";
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/org_id", "already"));
    }
    SUBCASE("no country") {
        b.prospects[0].country = "";
        Json a = advance("p", "joined");
        a["tier"] = "gold";
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/tier", "'gold'"));
        CHECK(has_problem(r, "/id", "country"));
    }
}

TEST_CASE("prospect.add and prospect.update") {
    const Catalog c = test_catalog();
    Book b;
    Json add = {{"type", "prospect.add"},
                {"prospect", {{"name", "Rijksmuseum"}, {"type", "library"}, {"country", "NL"}, {"expected_tier", "full"},
                              {"probability", 0.4}, {"next_action", "call"}, {"next_action_date", "2027-05-01"}}}};
    REQUIRE(apply_action(b, c, add, ctx()).ok);
    REQUIRE(b.prospects.size() == 1);
    CHECK(b.prospects[0].id == "prospect-rijksmuseum");
    CHECK(b.prospects[0].stage == Stage::Identified);
    CHECK(b.prospects[0].probability == doctest::Approx(0.4));
    REQUIRE(apply_action(b, c, add, ctx()).ok);
    CHECK(b.prospects[1].id == "prospect-rijksmuseum-2");
    SUBCASE("refusals") {
        Json bad = add;
        bad["prospect"]["probability"] = 1.5;
        bad["prospect"]["stage"] = "joined";
        bad["prospect"]["expected_tier"] = "gold";
        ApplyResult r = apply_action(b, c, bad, ctx());
        CHECK(has_problem(r, "/prospect/probability", "0"));
        CHECK(has_problem(r, "/prospect/stage", "prospect.advance"));
        CHECK(has_problem(r, "/prospect/expected_tier", "'gold'"));
        CHECK(b.prospects.size() == 2);
    }
    SUBCASE("update") {
        REQUIRE(apply_action(b, c, Json{{"type", "prospect.update"}, {"id", "prospect-rijksmuseum"},
                                        {"set", {{"probability", 0.9}, {"next_action_date", nullptr}, {"expected_tier", nullptr}}}},
                             ctx())
                    .ok);
        CHECK(b.prospects[0].probability == doctest::Approx(0.9));
        CHECK_FALSE(b.prospects[0].next_action_date);
        CHECK_FALSE(b.prospects[0].expected_tier);
        CHECK(has_problem(apply_action(b, c, Json{{"type", "prospect.update"}, {"id", "prospect-rijksmuseum"}, {"set", {{"stage", "applied"}}}}, ctx()),
                          "/set/stage", "prospect.advance"));
    }
}
