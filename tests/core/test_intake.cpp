#include <doctest/doctest.h>

#include "core/intake.hpp"
#include "documents_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

Json application(const char* name, const char* country, const char* type = "library") {
    return Json{{"schema", "portal-application/1"}, {"name", name}, {"type", type}, {"country", country},
                {"usage", {{"conference_attendees", 2}, {"training_seats", 1}}}, {"interests", {"trc_seat"}},
                {"tier", "associate"}, {"contact_name", "Ann"}, {"contact_email", "ann@example.org"}};
}

const ActionContext kCtx{"Staff", "2026-11-22T10:00:00Z", *Date::parse("2026-11-22")};

}  // namespace

TEST_CASE("normalise_name folds case, accents, punctuation and spacing") {
    CHECK(normalise_name("Universit\u00e9  de Gen\u00e8ve!") == "universite de geneve");
    CHECK(normalise_name("UNIVERSITE DE GENEVE") == "universite de geneve");
    CHECK(normalise_name("  British   Library. ") == "british library");
    CHECK(normalise_name("Smith & Co") == normalise_name("Smith and Co"));
    CHECK(normalise_name("O'Brien Archive") == normalise_name("OBrien Archive"));
    CHECK(normalise_name("O\u2019Brien Archive") == normalise_name("O'Brien Archive"));
    CHECK(normalise_name("Stra\u00dfe \u0141\u00f3d\u017a \u0152uvre") == "strasse lodz oeuvre");
    CHECK(normalise_name("Rijks-Museum") == "rijks museum");
    CHECK(normalise_name("\u6771\u4eac\u5927\u5b66") == "\u6771\u4eac\u5927\u5b66");
    CHECK(normalise_name("!!!").empty());
}

TEST_CASE("find_duplicate matches organisations then prospects in the same country") {
    Book b = small_book();
    b.organisations[1].name = "Universit\u00e9 de Gen\u00e8ve";
    b.organisations[1].country = "CH";
    auto m = find_duplicate(b, "universite de GENEVE", "CH");
    REQUIRE(m);
    CHECK(m->kind == "organisation");
    CHECK(m->id == "b");
    CHECK(describe(*m) == "organisation b \"Universit\u00e9 de Gen\u00e8ve\" (CH)");
    CHECK_FALSE(find_duplicate(b, "Universite de Geneve", "FR"));
    auto p = find_duplicate(b, "prospect P-1", "IT");
    REQUIRE(p);
    CHECK(p->kind == "prospect");
    CHECK(p->id == "p-1");
}

TEST_CASE("intake_application creates an applied prospect with the application kept") {
    const Catalog c = documents_catalog();
    Book b = small_book();
    const Json app = application("Biblioth\u00e8que Nouvelle", "FR");
    IntakeResult r = intake_application(b, c, app, kCtx);
    REQUIRE_MESSAGE(r.result.ok, r.result.error);
    CHECK(r.prospect_id == "prospect-biblioth-que-nouvelle");
    const Prospect& p = b.prospects.back();
    CHECK(p.id == r.prospect_id);
    CHECK(p.stage == Stage::Applied);
    CHECK(p.expected_tier == std::optional<std::string>("associate"));
    CHECK(p.country == "FR");
    CHECK(p.application == app);
    CHECK(p.next_action_date == std::optional<Date>(d("2026-11-22")));
    CHECK(b.audit.back().action["type"] == "prospect.intake");
    CHECK(b.audit.back().who == "Staff");

    SUBCASE("the same application again is refused, naming the prospect") {
        Book before = b;
        IntakeResult again = intake_application(b, c, application("BIBLIOTHEQUE  nouvelle.", "FR"), kCtx);
        CHECK_FALSE(again.result.ok);
        REQUIRE(again.duplicate);
        CHECK(again.duplicate->id == r.prospect_id);
        CHECK(again.result.error.find(r.prospect_id) != std::string::npos);
        CHECK(again.result.problems.at(0).pointer == "/application/name");
        CHECK(b.prospects.size() == before.prospects.size());
        CHECK(b.audit.size() == before.audit.size());
    }
    SUBCASE("an existing organisation is named") {
        IntakeResult dup = intake_application(b, c, application("org  A", "GB"), kCtx);
        CHECK_FALSE(dup.result.ok);
        CHECK(dup.result.error.find("organisation a \"Org a\" (GB)") != std::string::npos);
    }
    SUBCASE("same name in another country is a different applicant") {
        CHECK(intake_application(b, c, application("Org a", "IE"), kCtx).result.ok);
    }
    SUBCASE("an invalid application is refused with pointers into it") {
        Json bad = application("X", "france");
        bad["type"] = "spaceship";
        IntakeResult r2 = intake_application(b, c, bad, kCtx);
        CHECK_FALSE(r2.result.ok);
        bool type_problem = false, country_problem = false;
        for (const Problem& pr : r2.result.problems) {
            type_problem = type_problem || pr.pointer == "/application/type";
            country_problem = country_problem || pr.pointer == "/application/country";
        }
        CHECK(type_problem);
        CHECK(country_problem);
        CHECK_FALSE(intake_application(b, c, Json("not an object"), kCtx).result.ok);
    }
}
