// The governance check over current committee seats: every violation with the rule it breaks.
#include <doctest/doctest.h>

#include "eligibility_builders.hpp"

using namespace portal;
using namespace portal::elig_test;

namespace {
std::vector<Violation> with_rule(const std::vector<Violation>& all, const char* rule) {
    std::vector<Violation> out;
    for (const Violation& v : all)
        if (v.rule == rule) out.push_back(v);
    return out;
}
}  // namespace

TEST_CASE("governance: seats are current from term_start to term_end inclusive") {
    CHECK(seat_is_current(seat("s", "o", "2027-06-01"), kOn));
    CHECK_FALSE(seat_is_current(seat("s", "o", "2027-06-02"), kOn));
    CHECK(seat_is_current(seat("s", "o", "2020-01-01", "2027-06-01"), kOn));
    CHECK_FALSE(seat_is_current(seat("s", "o", "2020-01-01", "2027-05-31"), kOn));
}

TEST_CASE("governance: a fourth commercial EC seat breaks the cap") {
    const Catalog c = catalog();
    Book book;
    for (int i = 0; i < 5; ++i) book.organisations.push_back(org("corp" + std::to_string(i), std::string("full"), "company"));
    book.organisations.push_back(org("lib", std::string("full")));
    SUBCASE("2 and 3 commercial seats are fine") {
        book.committees.ec = {seat("e0", "corp0"), seat("e1", "corp1"), seat("e9", "lib")};
        CHECK(check_governance(book, c, kOn).empty());
        book.committees.ec.push_back(seat("e2", "corp2"));
        CHECK(check_governance(book, c, kOn).empty());
    }
    SUBCASE("4 commercial seats: the latest by term_start is reported") {
        book.committees.ec = {seat("e3", "corp3", "2027-03-01"), seat("e0", "corp0", "2025-01-01"),
                              seat("e1", "corp1", "2026-01-01"), seat("e2", "corp2", "2026-06-01"),
                              seat("e9", "lib", "2027-05-01")};
        auto v = check_governance(book, c, kOn);
        REQUIRE(v.size() == 1);
        CHECK(v[0].rule == rules::kEcCommercialCap);
        CHECK(v[0].committee == Committee::EC);
        CHECK(v[0].seat_id == "e3");
        CHECK(v[0].org == "corp3");
        CHECK(v[0].message.find("4th") != std::string::npos);
    }
    SUBCASE("5 commercial seats: two reported, in term_start order; ended seats do not count") {
        book.committees.ec = {seat("e4", "corp4", "2027-04-01"), seat("e3", "corp3", "2027-03-01"),
                              seat("e0", "corp0", "2025-01-01"), seat("e1", "corp1", "2026-01-01"),
                              seat("e2", "corp2", "2026-06-01"), seat("old", "corp0", "2020-01-01", "2024-12-31")};
        auto v = with_rule(check_governance(book, c, kOn), rules::kEcCommercialCap);
        REQUIRE(v.size() == 2);
        CHECK(v[0].seat_id == "e3");
        CHECK(v[1].seat_id == "e4");
    }
}

TEST_CASE("governance: too many associate TRC representatives") {
    const Catalog c = catalog();
    Book book;
    for (int i = 0; i < 3; ++i) book.organisations.push_back(org("as" + std::to_string(i), std::string("associate")));
    book.organisations.push_back(org("full", std::string("full")));
    // 3 associates: cap 2.
    book.committees.trc = {seat("t0", "as0", "2025-01-01"), seat("t1", "as1", "2026-01-01"), seat("tf", "full")};
    CHECK(check_governance(book, c, kOn).empty());
    book.committees.trc.push_back(seat("t2", "as2", "2027-01-01"));
    auto v = check_governance(book, c, kOn);
    REQUIRE(v.size() == 1);
    CHECK(v[0].rule == rules::kTrcAssociate);
    CHECK(v[0].committee == Committee::TRC);
    CHECK(v[0].seat_id == "t2");
    CHECK(v[0].message.find("at most 2") != std::string::npos);
}

TEST_CASE("governance: seats held by the wrong organisations") {
    const Catalog c = catalog();
    Book book;
    book.organisations = {org("as", std::string("associate")), org("none", std::nullopt), org("full", std::string("full")),
                          org("lapsed", std::string("full"))};
    book.invoices = {unpaid_invoice("0001", "lapsed", "2027-01-01", "2027-01-31")};
    SUBCASE("an associate on the EC and the OC") {
        book.committees.ec = {seat("e", "as")};
        book.committees.oc = {seat("o", "as")};
        auto v = check_governance(book, c, kOn);
        REQUIRE(v.size() == 2);
        CHECK(v[0].rule == rules::kCommitteeSeat);
        CHECK(v[0].committee == Committee::EC);
        CHECK(v[1].rule == rules::kCommitteeSeat);
        CHECK(v[1].committee == Committee::OC);
        CHECK(v[1].seat_id == "o");
    }
    SUBCASE("a non-member on the OC and the TRC") {
        book.committees.oc = {seat("o", "none")};
        book.committees.trc = {seat("t", "none")};
        auto v = check_governance(book, c, kOn);
        REQUIRE(v.size() == 2);
        CHECK(v[0].rule == rules::kCommitteeSeat);
        CHECK(v[1].rule == rules::kTrcTierNone);
        CHECK(v[1].message.find("not a member") != std::string::npos);
    }
    SUBCASE("a lapsed full member holding a seat") {
        book.committees.trc = {seat("t", "lapsed")};
        auto v = check_governance(book, c, kOn);
        REQUIRE(v.size() == 1);
        CHECK(v[0].rule == rules::kGoodStanding);
        CHECK(v[0].org == "lapsed");
        CHECK(v[0].message.find("lapsed") != std::string::npos);
    }
    SUBCASE("a seat for an organisation not in the book") {
        book.committees.ec = {seat("e", "ghost")};
        auto v = check_governance(book, c, kOn);
        REQUIRE(v.size() == 1);
        CHECK(v[0].rule == rules::kSeatOrgUnknown);
        CHECK(v[0].org == "ghost");
    }
    SUBCASE("a tier without TRC representation holding a TRC seat") {
        Catalog c2 = c;
        c2.tiers.push_back(tier("supporter", "Supporter", 100000, {false, false, false, TrcMode::None}, {}));
        book.organisations.push_back(org("sup", std::string("supporter")));
        book.committees.trc = {seat("t", "sup")};
        auto v = check_governance(book, c2, kOn);
        REQUIRE(v.size() == 1);
        CHECK(v[0].rule == rules::kTrcTierNone);
        CHECK(v[0].message.find("Supporter") != std::string::npos);
    }
    SUBCASE("past and future seats are not checked") {
        book.committees.ec = {seat("e", "as", "2020-01-01", "2021-01-01"), seat("f", "ghost", "2030-01-01")};
        CHECK(check_governance(book, c, kOn).empty());
    }
}

TEST_CASE("governance: violations_to_json") {
    std::vector<Violation> v{{rules::kSeatOrgUnknown, Committee::OC, "ghost", "o1", "Seat o1 ..."}};
    Json j = violations_to_json(v);
    REQUIRE(j.at("violations").size() == 1);
    CHECK(j["violations"][0] == Json{{"rule", "seat-org-unknown"}, {"committee", "oc"}, {"org", "ghost"},
                                      {"seat_id", "o1"}, {"message", "Seat o1 ..."}});
    CHECK(violations_to_json({}) == Json{{"violations", Json::array()}});
}
