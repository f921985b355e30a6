#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/rules.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
ActionContext ctx(const char* day = "2027-03-01") { return {"md", std::string(day) + "T08:00:00Z", d(day)}; }

bool has_problem(const ApplyResult& r, const std::string& pointer, const std::string& fragment = "") {
    for (const Problem& p : r.problems)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

Seat seat(const std::string& id, const std::string& org, const char* start) {
    Seat s;
    s.id = id;
    s.org = org;
    s.person = "Person " + id;
    s.term_start = d(start);
    return s;
}

Json add_seat(const char* committee, const char* org, const char* start = "2027-01-01") {
    return {{"type", "seat.add"}, {"committee", committee}, {"org", org}, {"person", "Pat"}, {"term_start", start}};
}

// Four commercial full members (three already on the EC), a library and an associate.
Book committee_book() {
    Book b;
    for (const char* id : {"c1", "c2", "c3", "c4"}) b.organisations.push_back(member(id, "full", "2020-01-01", "company"));
    b.organisations.push_back(member("lib", "full", "2020-01-01"));
    b.organisations.push_back(member("assoc", "associate", "2020-01-01"));
    b.committees.ec = {seat("ec-1", "c1", "2026-01-01"), seat("ec-2", "c2", "2026-01-01"), seat("ec-3", "c3", "2026-01-01")};
    return b;
}
}  // namespace

TEST_CASE("seat.add refuses a change that breaks a governance rule, citing it") {
    Book b = committee_book();
    const Catalog c = test_catalog();
    SUBCASE("a fourth commercial EC seat") {
        ApplyResult r = apply_action(b, c, add_seat("ec", "c4"), ctx());
        CHECK_FALSE(r.ok);
        CHECK(has_problem(r, "/org", rules::kEcCommercialCap));
        CHECK(b.committees.ec.size() == 3);
        CHECK(b.audit.empty());
    }
    SUBCASE("an associate member on the OC") {
        ApplyResult r = apply_action(b, c, add_seat("oc", "assoc"), ctx());
        CHECK(has_problem(r, "/org", rules::kCommitteeSeat));
        CHECK(b.committees.oc.empty());
    }
    SUBCASE("a lapsed member") {
        b.invoices = {invoice("i1", "lib", "2026-01-01", "2026-01-31", 1000000, 2026)};
        ApplyResult r = apply_action(b, c, add_seat("oc", "lib"), ctx());
        CHECK(has_problem(r, "/org", rules::kGoodStanding));
    }
    SUBCASE("a seat starting later is judged on its first day") {
        b.committees.ec[2].term_end = d("2027-06-30");  // c3 leaves at the end of June
        CHECK_FALSE(apply_action(b, c, add_seat("ec", "c4", "2027-06-30"), ctx()).ok);
        ApplyResult r = apply_action(b, c, add_seat("ec", "c4", "2027-07-01"), ctx());
        CHECK(r.ok);
        CHECK(b.committees.ec.back().id == "ec-4");
    }
    SUBCASE("a non-commercial full member is welcome") {
        ApplyResult r = apply_action(b, c, add_seat("ec", "lib"), ctx());
        REQUIRE(r.ok);
        CHECK(b.committees.ec.back().org == "lib");
        CHECK(b.committees.ec.back().person == "Pat");
        CHECK(b.audit.size() == 1);
    }
}

TEST_CASE("violations already in the book are not the change's fault") {
    Book b = committee_book();
    const Catalog c = test_catalog();
    b.committees.ec.push_back(seat("ec-4", "c4", "2026-06-01"));   // already over the cap
    b.committees.oc.push_back(seat("oc-1", "assoc", "2026-01-01")); // already not allowed
    CHECK(apply_action(b, c, add_seat("ec", "lib"), ctx()).ok);
    CHECK(apply_action(b, c, add_seat("trc", "lib"), ctx()).ok);
    SUBCASE("but a new violation of the same rule is refused") {
        CHECK(has_problem(apply_action(b, c, add_seat("oc", "assoc"), ctx()), "/org", rules::kCommitteeSeat));
    }
    SUBCASE("an older seat pushing a later one over the cap is refused") {
        b.committees.ec.pop_back();  // ec-4 gone: exactly at the cap
        ApplyResult r = apply_action(b, c, add_seat("ec", "c4", "2025-01-01"), ctx());
        CHECK(has_problem(r, "/org", rules::kEcCommercialCap));
    }
}

TEST_CASE("seat.add and seat.end fields") {
    Book b = committee_book();
    const Catalog c = test_catalog();
    SUBCASE("bad fields are all reported") {
        Json a = {{"type", "seat.add"}, {"committee", "board"}, {"org", "nobody"}, {"person", ""}, {"term_start", "2027-01-01"}, {"term_end", "2026-12-31"}};
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/committee", "\"ec\""));
        CHECK(has_problem(r, "/org", "no organisation"));
        CHECK(has_problem(r, "/person", "empty"));
        CHECK(has_problem(r, "/term_end", "before term_start"));
    }
    SUBCASE("an explicit seat id must be free") {
        Json a = add_seat("ec", "lib");
        a["id"] = "ec-1";
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/id", "already"));
    }
    SUBCASE("seat.end closes a term") {
        ApplyResult r = apply_action(b, c, Json{{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "ec-2"}, {"term_end", "2027-03-31"}}, ctx());
        REQUIRE(r.ok);
        CHECK(b.committees.ec[1].term_end == d("2027-03-31"));
        // ...which frees a commercial seat from April on.
        CHECK_FALSE(apply_action(b, c, add_seat("ec", "c4", "2027-03-31"), ctx()).ok);
        CHECK(apply_action(b, c, add_seat("ec", "c4", "2027-04-01"), ctx()).ok);
    }
    SUBCASE("seat.end refusals") {
        CHECK(has_problem(apply_action(b, c, Json{{"type", "seat.end"}, {"committee", "oc"}, {"seat_id", "ec-2"}}, ctx()), "/seat_id", "no seat"));
        CHECK(has_problem(apply_action(b, c, Json{{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "ec-2"}, {"term_end", "2025-12-31"}}, ctx()),
                          "/term_end", "before term_start"));
        b.committees.ec[1].term_end = d("2027-01-31");
        CHECK(has_problem(apply_action(b, c, Json{{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "ec-2"}}, ctx()), "/seat_id", "already ended"));
    }
    SUBCASE("term_end defaults to today") {
        REQUIRE(apply_action(b, c, Json{{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "ec-1"}}, ctx("2027-05-05")).ok);
        CHECK(b.committees.ec[0].term_end == d("2027-05-05"));
    }
}
