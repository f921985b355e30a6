#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/actions.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
ActionContext ctx(const char* day = "2027-03-01") { return {"alice", std::string(day) + "T09:30:00Z", d(day)}; }

bool has_problem(const ApplyResult& r, const std::string& pointer, const std::string& fragment = "") {
    for (const Problem& p : r.problems)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

Json add_org(const char* name, const char* tier = nullptr) {
    Json org = {{"name", name}, {"type", "library"}, {"country", "GB"}};
    if (tier) org["tier"] = tier;
    return {{"type", "org.add"}, {"org", org}};
}
}  // namespace

TEST_CASE("the reducer rejects malformed actions with a pointer into the action") {
    Book b;
    const Catalog c = test_catalog();
    SUBCASE("not an object") {
        ApplyResult r = apply_action(b, c, Json::array(), ctx());
        CHECK_FALSE(r.ok);
        CHECK(has_problem(r, "", "object"));
    }
    SUBCASE("no type") { CHECK(has_problem(apply_action(b, c, Json{{"id", "x"}}, ctx()), "/type", "required")); }
    SUBCASE("unknown type names the known ones") {
        ApplyResult r = apply_action(b, c, Json{{"type", "org.delete"}}, ctx());
        CHECK(has_problem(r, "/type", "unknown action type 'org.delete'"));
        CHECK(r.error.find("org.add") != std::string::npos);
    }
    SUBCASE("unknown top-level field (nothing unexpected reaches the audit log)") {
        Json a = add_org("British Library");
        a["password"] = "hunter2";
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK_FALSE(r.ok);
        CHECK(has_problem(r, "/password", "unknown field"));
        CHECK(b.organisations.empty());
        CHECK(b.audit.empty());
    }
    SUBCASE("unknown nested field, escaped as a JSON Pointer") {
        Json a = add_org("British Library");
        a["org"]["a/b"] = 1;
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/org/a~1b", "unknown field"));
    }
    SUBCASE("every problem is listed, not only the first") {
        Json a = {{"type", "org.add"}, {"org", {{"name", ""}, {"type", "castle"}, {"country", "gb"}, {"tier", 3}}}};
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/org/name", "empty"));
        CHECK(has_problem(r, "/org/type", "'castle'"));
        CHECK(has_problem(r, "/org/country", "ISO 3166"));
        CHECK(has_problem(r, "/org/tier", "string"));
        CHECK(r.error.find("org.add rejected: /org/name") == 0);
        CHECK(b.organisations.empty());
    }
}

TEST_CASE("every applied action appends an audit entry") {
    Book b;
    const Catalog c = test_catalog();
    REQUIRE(apply_action(b, c, add_org("British Library", "full"), ctx("2027-03-01")).ok);
    REQUIRE(apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-british-library"}, {"set", {{"listed", true}}}},
                         ActionContext{"bob", "2027-03-02T10:00:00Z", d("2027-03-02")})
                .ok);
    REQUIRE(b.audit.size() == 2);
    CHECK(b.audit[0].seq == 1);
    CHECK(b.audit[1].seq == 2);
    CHECK(b.audit[0].who == "alice");
    CHECK(b.audit[1].who == "bob");
    CHECK(b.audit[1].at == "2027-03-02T10:00:00Z");
    CHECK(b.audit[0].action["type"] == "org.add");
    CHECK(b.audit[0].summary.find("British Library") != std::string::npos);
    CHECK(b.audit[1].summary.find("listed") != std::string::npos);
    SUBCASE("a rejected action appends nothing") {
        CHECK_FALSE(apply_action(b, c, Json{{"type", "org.cancel"}, {"id", "nobody"}}, ctx()).ok);
        CHECK(b.audit.size() == 2);
    }
    SUBCASE("seq continues after the last entry") {
        b.audit.back().seq = 41;
        REQUIRE(apply_action(b, c, add_org("Wellcome"), ctx()).ok);
        CHECK(b.audit.back().seq == 42);
    }
}

TEST_CASE("org.add derives a unique id and defaults member_since") {
    Book b;
    const Catalog c = test_catalog();
    REQUIRE(apply_action(b, c, add_org("Bibliothèque nationale de France", "full"), ctx()).ok);
    REQUIRE(apply_action(b, c, add_org("Bibliothèque Nationale de France"), ctx()).ok);
    CHECK(b.organisations[0].id == "org-biblioth-que-nationale-de-france");
    CHECK(b.organisations[1].id == "org-biblioth-que-nationale-de-france-2");
    CHECK(b.organisations[0].member_since == d("2027-03-01"));
    CHECK_FALSE(b.organisations[1].member_since);
    CHECK(b.organisations[0].updated == "2027-03-01T09:30:00Z");
    SUBCASE("an explicit id must be free") {
        Json a = add_org("Other");
        a["org"]["id"] = b.organisations[0].id;
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/org/id", "already"));
    }
    SUBCASE("contacts are checked") {
        Json a = add_org("Other");
        a["org"]["contacts"] = Json::array({{{"name", "Ann"}, {"email", "not-an-email"}}, {{"email", "x@y.org"}}});
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/org/contacts/0/email", "email"));
        CHECK(has_problem(r, "/org/contacts/1/name", "required"));
    }
}

TEST_CASE("org.update changes only the fields given") {
    Book b;
    const Catalog c = test_catalog();
    b.organisations = {member("org-a", "associate", "2020-01-01")};
    b.organisations[0].notes = "keep me";
    SUBCASE("tier change and a cleared override") {
        b.organisations[0].commercial = true;
        REQUIRE(apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-a"}, {"set", {{"tier", "full"}, {"commercial", nullptr}}}}, ctx()).ok);
        CHECK(b.organisations[0].tier == std::optional<std::string>("full"));
        CHECK_FALSE(b.organisations[0].commercial);
        CHECK(b.organisations[0].notes == "keep me");
        CHECK(b.organisations[0].member_since == d("2020-01-01"));
        CHECK(b.organisations[0].updated == "2027-03-01T09:30:00Z");
    }
    SUBCASE("an invalid field leaves the record untouched") {
        ApplyResult r = apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-a"}, {"set", {{"notes", "new"}, {"tier", "gold"}}}}, ctx());
        CHECK(has_problem(r, "/set/tier", "'gold'"));
        CHECK(b.organisations[0].notes == "keep me");
    }
    SUBCASE("id, cancellation and empty sets are refused") {
        CHECK(has_problem(apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-a"}, {"set", {{"id", "x"}}}}, ctx()), "/set/id"));
        CHECK(has_problem(apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-a"}, {"set", {{"cancelled_on", "2027-01-01"}}}}, ctx()),
                          "/set/cancelled_on", "org.cancel"));
        CHECK(has_problem(apply_action(b, c, Json{{"type", "org.update"}, {"id", "org-a"}, {"set", Json::object()}}, ctx()), "/set"));
        CHECK(has_problem(apply_action(b, c, Json{{"type", "org.update"}, {"id", "zz"}, {"set", {{"notes", ""}}}}, ctx()), "/id", "no organisation"));
    }
}

TEST_CASE("org.cancel and org.reinstate") {
    Book b;
    const Catalog c = test_catalog();
    b.organisations = {member("org-a", "full", "2020-01-01"), member("org-b", nullptr, nullptr)};
    REQUIRE(apply_action(b, c, Json{{"type", "org.cancel"}, {"id", "org-a"}, {"on", "2027-06-30"}, {"reason", "budget"}}, ctx()).ok);
    CHECK(b.organisations[0].cancelled_on == d("2027-06-30"));
    CHECK(b.audit.back().summary.find("budget") != std::string::npos);
    CHECK(has_problem(apply_action(b, c, Json{{"type", "org.cancel"}, {"id", "org-a"}}, ctx()), "/id", "already cancelled"));
    CHECK(has_problem(apply_action(b, c, Json{{"type", "org.cancel"}, {"id", "org-b"}}, ctx()), "/id", "not a member"));
    CHECK(has_problem(apply_action(b, c, Json{{"type", "org.reinstate"}, {"id", "org-b"}}, ctx()), "/id", "not cancelled"));
    REQUIRE(apply_action(b, c, Json{{"type", "org.reinstate"}, {"id", "org-a"}}, ctx()).ok);
    CHECK_FALSE(b.organisations[0].cancelled_on);
    SUBCASE("not before the membership started") {
        CHECK(has_problem(apply_action(b, c, Json{{"type", "org.cancel"}, {"id", "org-a"}, {"on", "2019-12-31"}}, ctx()), "/on", "before member_since"));
    }
}

TEST_CASE("apply_actions is all or nothing") {
    Book b;
    const Catalog c = test_catalog();
    b.organisations = {member("org-a", "full", "2020-01-01")};
    Json batch = Json::array({add_org("One"), add_org("Two"), {{"type", "org.cancel"}, {"id", "nobody"}}});
    ApplyResult r = apply_actions(b, c, batch, ctx());
    CHECK_FALSE(r.ok);
    CHECK(has_problem(r, "/2/id", "no organisation 'nobody'"));
    CHECK(r.error.find("action 2") == 0);
    CHECK(b.organisations.size() == 1);
    CHECK(b.audit.empty());

    batch.erase(2);
    r = apply_actions(b, c, batch, ctx());
    CHECK(r.ok);
    CHECK(b.organisations.size() == 3);
    CHECK(b.audit.size() == 2);
    CHECK(r.summary.find("2 actions applied") == 0);
    SUBCASE("later actions see earlier ones") {
        Json two = Json::array({add_org("Three"), {{"type", "org.update"}, {"id", "org-three"}, {"set", {{"listed", true}}}}});
        REQUIRE(apply_actions(b, c, two, ctx()).ok);
        CHECK(b.organisations.back().listed);
    }
    SUBCASE("a single failing action in a batch names index 0") {
        CHECK(has_problem(apply_actions(b, c, Json::array({Json{{"type", "x"}}}), ctx()), "/0/type"));
    }
    SUBCASE("not an array") { CHECK_FALSE(apply_actions(b, c, Json::object(), ctx()).ok); }
    SUBCASE("an empty batch changes nothing") {
        CHECK(apply_actions(b, c, Json::array(), ctx()).ok);
        CHECK(b.audit.size() == 2);
    }
}
