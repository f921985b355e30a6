// Eligibility rules at their boundaries (docs/rules.md): each decision and its cited rule.
#include <doctest/doctest.h>

#include "eligibility_builders.hpp"

using namespace portal;
using namespace portal::elig_test;

TEST_CASE("eligibility: only full members in good standing vote on the EC") {
    const Catalog c = catalog();
    SUBCASE("full grants the vote, associate does not, each citing ec-vote-full-only") {
        Evaluation e = evaluate(applicant(false), c, nullptr);
        CHECK(tier_of(e, "full").ec_vote.granted);
        CHECK(tier_of(e, "full").ec_vote.rule == rules::kEcVote);
        CHECK_FALSE(tier_of(e, "associate").ec_vote.granted);
        CHECK(tier_of(e, "associate").ec_vote.rule == rules::kEcVote);
        CHECK(tier_of(e, "associate").ec_vote.reason.find("Only full members") == std::string::npos);
        CHECK(tier_of(e, "associate").ec_vote.reason.find("only full members") != std::string::npos);
    }
    SUBCASE("a commercial full member votes too: the cap is on seats, not votes") {
        GovernanceContext ctx;
        ctx.commercial_ec_seats_held = 3;
        Evaluation e = evaluate(applicant(true), c, &ctx);
        CHECK(tier_of(e, "full").ec_vote.granted);
        CHECK_FALSE(tier_of(e, "full").ec_seat.granted);
    }
}

TEST_CASE("eligibility: full members may serve on the EC and OC, associates may not") {
    const Catalog c = catalog();
    Evaluation e = evaluate(applicant(false), c, nullptr);
    CHECK(tier_of(e, "full").ec_seat.granted);
    CHECK(tier_of(e, "full").oc_seat.granted);
    CHECK(tier_of(e, "full").oc_seat.rule == rules::kCommitteeSeat);
    CHECK_FALSE(tier_of(e, "associate").ec_seat.granted);
    CHECK_FALSE(tier_of(e, "associate").oc_seat.granted);
    CHECK(tier_of(e, "associate").ec_seat.rule == rules::kCommitteeSeat);
    CHECK(tier_of(e, "associate").oc_seat.rule == rules::kCommitteeSeat);
}

TEST_CASE("eligibility: at most three commercial EC seats") {
    const Catalog c = catalog();
    GovernanceContext ctx;
    SUBCASE("2 held: a commercial full member may take the third") {
        ctx.commercial_ec_seats_held = 2;
        const Decision d = tier_of(evaluate(applicant(true), c, &ctx), "full").ec_seat;
        CHECK(d.granted);
        CHECK(d.rule == rules::kEcCommercialCap);
        CHECK(d.reason.find("2 of 3 taken") != std::string::npos);
    }
    SUBCASE("3 held: a commercial full member is refused, with the count") {
        ctx.commercial_ec_seats_held = 3;
        const Decision d = tier_of(evaluate(applicant(true), c, &ctx), "full").ec_seat;
        CHECK_FALSE(d.granted);
        CHECK(d.rule == rules::kEcCommercialCap);
        CHECK(d.reason.find("3 of 3 taken") != std::string::npos);
    }
    SUBCASE("4 held (already over the cap): still refused") {
        ctx.commercial_ec_seats_held = 4;
        CHECK_FALSE(tier_of(evaluate(applicant(true), c, &ctx), "full").ec_seat.granted);
    }
    SUBCASE("3 held: a non-commercial full member is not limited") {
        ctx.commercial_ec_seats_held = 3;
        const Decision d = tier_of(evaluate(applicant(false), c, &ctx), "full").ec_seat;
        CHECK(d.granted);
        CHECK(d.reason.find("non-commercial") != std::string::npos);
    }
    SUBCASE("3 held: a commercial member already holding one keeps its eligibility") {
        ctx.commercial_ec_seats_held = 3;
        ctx.orgs_holding_ec_seat = {"acme"};
        Subject s = applicant(true);
        s.org_id = "acme";
        s.tier = "full";
        const Decision d = tier_of(evaluate(s, c, &ctx), "full").ec_seat;
        CHECK(d.granted);
        CHECK(d.rule == rules::kEcCommercialCap);
        CHECK(d.reason.find("already holds") != std::string::npos);
    }
    SUBCASE("the cap comes from the catalog") {
        Catalog c2 = c;
        c2.rules.ec_commercial_seat_cap = 4;
        ctx.commercial_ec_seats_held = 3;
        CHECK(tier_of(evaluate(applicant(true), c2, &ctx), "full").ec_seat.granted);
    }
}

TEST_CASE("eligibility: commercial comes from the override, else the type") {
    const Catalog c = catalog();
    GovernanceContext ctx;
    ctx.commercial_ec_seats_held = 3;
    Organisation lib = org("lib", std::string("full"), "library");
    Organisation corp = org("corp", std::string("full"), "company");
    Organisation private_museum = org("pm", std::string("full"), "museum");
    private_museum.commercial = true;
    ctx.orgs_in_good_standing = {"lib", "corp", "pm"};
    CHECK(tier_of(evaluate(subject_from_org(lib, c, ctx), c, &ctx), "full").ec_seat.granted);
    CHECK_FALSE(tier_of(evaluate(subject_from_org(corp, c, ctx), c, &ctx), "full").ec_seat.granted);
    CHECK_FALSE(tier_of(evaluate(subject_from_org(private_museum, c, ctx), c, &ctx), "full").ec_seat.granted);
    Application a;
    a.name = "A Company";
    a.type = "company";
    CHECK(subject_from_application(a, c).commercial);
    a.commercial = false;
    CHECK_FALSE(subject_from_application(a, c).commercial);
}

TEST_CASE("eligibility: associate TRC cap is ceil(associates x share)") {
    const Fraction half{1, 2};
    CHECK(rules::associate_trc_cap(0, half) == 0);
    CHECK(rules::associate_trc_cap(1, half) == 1);
    CHECK(rules::associate_trc_cap(2, half) == 1);
    CHECK(rules::associate_trc_cap(5, half) == 3);
    CHECK(rules::associate_trc_cap(6, half) == 3);
    CHECK(rules::associate_trc_cap(7, Fraction{1, 3}) == 3);
    CHECK(rules::associate_trc_cap(6, Fraction{0, 2}) == 0);
}

TEST_CASE("eligibility: associate nominations are granted while a place is free") {
    const Catalog c = catalog();
    GovernanceContext ctx;
    Subject member = applicant(false);
    member.org_id = "assoc";
    member.tier = "associate";
    ctx.orgs_in_good_standing = {"assoc"};
    SUBCASE("1 associate member (cap 1), no rep yet: granted") {
        ctx.associate_members = 1;
        const TrcDecision d = tier_of(evaluate(member, c, &ctx), "associate").trc;
        CHECK(d.granted);
        CHECK(d.mode == TrcMode::Nominate);
        CHECK(d.rule == rules::kTrcAssociate);
    }
    SUBCASE("5 associate members (cap 3), 2 reps: granted") {
        ctx.associate_members = 5;
        ctx.associate_trc_representatives = 2;
        CHECK(tier_of(evaluate(member, c, &ctx), "associate").trc.granted);
    }
    SUBCASE("5 associate members (cap 3), 3 reps: refused with cap and count") {
        ctx.associate_members = 5;
        ctx.associate_trc_representatives = 3;
        const TrcDecision d = tier_of(evaluate(member, c, &ctx), "associate").trc;
        CHECK_FALSE(d.granted);
        CHECK(d.mode == TrcMode::Nominate);
        CHECK(d.rule == rules::kTrcAssociate);
        CHECK(d.reason.find("3 of 3") != std::string::npos);
    }
    SUBCASE("6 associate members (cap 3), 3 reps, already holding one: granted") {
        ctx.associate_members = 6;
        ctx.associate_trc_representatives = 3;
        ctx.orgs_holding_trc_seat = {"assoc"};
        const TrcDecision d = tier_of(evaluate(member, c, &ctx), "associate").trc;
        CHECK(d.granted);
        CHECK(d.reason.find("already holds") != std::string::npos);
    }
    SUBCASE("an applicant counts itself: 0 associates today means 1 on joining, cap 1") {
        ctx.associate_members = 0;
        CHECK(tier_of(evaluate(applicant(false), c, &ctx), "associate").trc.granted);
    }
    SUBCASE("an applicant with 5 associates and 3 reps: 6 on joining, cap 3, refused") {
        ctx.associate_members = 5;
        ctx.associate_trc_representatives = 3;
        CHECK_FALSE(tier_of(evaluate(applicant(false), c, &ctx), "associate").trc.granted);
    }
    SUBCASE("full members always have TRC representation") {
        ctx.associate_members = 0;
        ctx.associate_trc_representatives = 10;
        const TrcDecision d = tier_of(evaluate(applicant(true), c, &ctx), "full").trc;
        CHECK(d.granted);
        CHECK(d.mode == TrcMode::Seat);
        CHECK(d.rule == rules::kTrcFull);
    }
}

TEST_CASE("eligibility: community groups are never denied") {
    const Catalog c = catalog();
    GovernanceContext ctx;
    ctx.commercial_ec_seats_held = 9;
    Subject lapsed = applicant(true);
    lapsed.org_id = "x";
    lapsed.tier = "full";
    lapsed.in_good_standing = false;
    lapsed.standing = "lapsed";
    for (const Subject& s : {applicant(true), applicant(false), lapsed}) {
        for (const TierEvaluation& t : evaluate(s, c, &ctx).tiers) {
            CHECK(t.community_groups.granted);
            CHECK(t.community_groups.rule == rules::kCommunityOpen);
            CHECK(t.community_groups.reason.find("welcome and encouraged") != std::string::npos);
        }
    }
}

TEST_CASE("eligibility: a member not in good standing loses votes and seats") {
    const Catalog c = catalog();
    Book book;
    book.organisations = {org("lapsed", std::string("full")), org("ok", std::string("full"))};
    // Due 2027-01-31, unpaid: on 2027-06-01 that is more than 90 days late.
    book.invoices = {unpaid_invoice("0001", "lapsed", "2027-01-01", "2027-01-31")};
    GovernanceContext ctx = context_from_book(book, c, kOn);
    CHECK(ctx.orgs_in_good_standing.count("ok"));
    CHECK_FALSE(ctx.orgs_in_good_standing.count("lapsed"));

    Subject s = subject_from_org(book.organisations[0], c, ctx);
    CHECK_FALSE(s.in_good_standing);
    CHECK(s.standing == "lapsed");
    Evaluation e = evaluate(s, c, &ctx);
    const TierEvaluation& full = tier_of(e, "full");
    for (const Decision* d : {static_cast<const Decision*>(&full.ec_vote), static_cast<const Decision*>(&full.ec_seat),
                              static_cast<const Decision*>(&full.oc_seat), static_cast<const Decision*>(&full.trc)}) {
        CHECK_FALSE(d->granted);
        CHECK(d->rule == rules::kGoodStanding);
        CHECK(d->reason.find("lapsed") != std::string::npos);
    }
    CHECK(full.community_groups.granted);

    SUBCASE("within the grace period the member keeps its rights") {
        GovernanceContext early = context_from_book(book, c, day("2027-03-01"));
        Subject s2 = subject_from_org(book.organisations[0], c, early);
        CHECK(s2.in_good_standing);
        CHECK(tier_of(evaluate(s2, c, &early), "full").ec_vote.granted);
    }
}

TEST_CASE("eligibility: context_from_book counts current seats and associates in good standing") {
    const Catalog c = catalog();
    Book book;
    for (int i = 0; i < 4; ++i) book.organisations.push_back(org("corp" + std::to_string(i), std::string("full"), "company"));
    for (int i = 0; i < 5; ++i) book.organisations.push_back(org("as" + std::to_string(i), std::string("associate")));
    book.organisations.push_back(org("lapsed-as", std::string("associate")));
    book.organisations.push_back(org("prospect", std::nullopt));
    book.invoices = {unpaid_invoice("0001", "lapsed-as", "2027-01-01", "2027-01-31")};
    book.committees.ec = {seat("ec1", "corp0"), seat("ec2", "corp1"), seat("ec3", "corp2", "2028-01-01"),
                          seat("ec4", "corp3", "2020-01-01", "2026-12-31")};
    book.committees.trc = {seat("t1", "as0"), seat("t2", "lapsed-as"), seat("t3", "corp0")};
    GovernanceContext ctx = context_from_book(book, c, kOn);
    CHECK(ctx.commercial_ec_seats_held == 2);  // ec3 not started, ec4 ended
    CHECK(ctx.orgs_holding_ec_seat.count("corp0"));
    CHECK_FALSE(ctx.orgs_holding_ec_seat.count("corp2"));
    CHECK(ctx.associate_members == 5);             // the lapsed associate does not count
    CHECK(ctx.associate_trc_representatives == 2);  // but its seat is still taken
    CHECK_FALSE(ctx.orgs_in_good_standing.count("prospect"));
    CHECK(ctx.standing_of.at("lapsed-as") == "lapsed");

    Subject prospect = subject_from_org(book.organisations.back(), c, ctx);
    CHECK(prospect.in_good_standing);  // not a member: evaluated like an applicant
    // The third commercial seat is free today.
    Subject corp2 = subject_from_org(book.organisations[2], c, ctx);
    CHECK(tier_of(evaluate(corp2, c, &ctx), "full").ec_seat.granted);
}

TEST_CASE("eligibility: a tier added to the catalog is evaluated from its rights alone") {
    Catalog c = catalog();
    c.tiers.push_back(tier("patron", "Patron", 500000, {true, false, true, TrcMode::None}, {"conference_rates"}));
    GovernanceContext ctx;
    Subject s = applicant(false, {"ec_vote", "oc_seat"});
    s.usage.conference_attendees = 2;
    Evaluation e = evaluate(s, c, &ctx);
    REQUIRE(e.tiers.size() == 3);
    const TierEvaluation& p = tier_of(e, "patron");
    CHECK(p.ec_vote.granted);
    CHECK_FALSE(p.ec_seat.granted);
    CHECK(p.oc_seat.granted);
    CHECK_FALSE(p.trc.granted);
    CHECK(p.trc.mode == TrcMode::None);
    CHECK(p.trc.rule == rules::kTrcTierNone);
    CHECK(p.estimated_savings.amount == 30000);
    CHECK(e.recommended == std::optional<std::string>("patron"));  // cheaper than full, grants both
}

TEST_CASE("eligibility: savings and net cost") {
    const Catalog c = catalog();
    Subject s = applicant(false);
    SUBCASE("amount x usage per benefit, one line each") {
        s.usage = {3, 4};
        const TierEvaluation full = tier_of(evaluate(s, c, nullptr), "full");
        CHECK(full.estimated_savings == Money{3 * 15000 + 4 * 20000, "USD"});
        CHECK(full.net_cost == Money{1000000 - 125000, "USD"});
        REQUIRE(full.savings_lines.size() == 2);
        CHECK(full.savings_lines[0].find("4 training seats") != std::string::npos);
        CHECK(full.savings_lines[0].find("20% off") != std::string::npos);
        CHECK(full.savings_lines[1].find("3 conference attendees") != std::string::npos);
        const TierEvaluation assoc = tier_of(evaluate(s, c, nullptr), "associate");
        CHECK(assoc.estimated_savings.amount == 80000);
        CHECK(assoc.savings_lines.size() == 1);
    }
    SUBCASE("net cost never goes below zero") {
        s.usage = {1000, 1000};
        const TierEvaluation assoc = tier_of(evaluate(s, c, nullptr), "associate");
        CHECK(assoc.net_cost.amount == 0);
        CHECK(assoc.estimated_savings.amount == 20000000);
    }
    SUBCASE("no usage, no savings") {
        const TierEvaluation full = tier_of(evaluate(s, c, nullptr), "full");
        CHECK(full.estimated_savings.amount == 0);
        CHECK(full.net_cost.amount == 1000000);
    }
}

TEST_CASE("eligibility: the recommendation explains itself") {
    const Catalog c = catalog();
    GovernanceContext ctx;
    SUBCASE("no interests: the cheapest net cost") {
        Evaluation e = evaluate(applicant(false), c, &ctx);
        CHECK(e.recommended == std::optional<std::string>("associate"));
        CHECK_FALSE(e.reasoning.empty());
    }
    SUBCASE("big training usage can make full the cheapest") {
        Catalog c2 = c;
        c2.tiers[1].benefits = {"priority_attendance"};
        Subject s = applicant(false);
        s.usage = {100, 0};  // 100 x 150 USD off: full costs nothing
        CHECK(evaluate(s, c2, &ctx).recommended == std::optional<std::string>("full"));
    }
    SUBCASE("an EC seat needs full membership") {
        Evaluation e = evaluate(applicant(false, {"ec_seat"}), c, &ctx);
        CHECK(e.recommended == std::optional<std::string>("full"));
    }
    SUBCASE("trc_seat alone: associate nominates more cheaply while a place is free") {
        Evaluation e = evaluate(applicant(false, {"trc_seat"}), c, &ctx);
        CHECK(e.recommended == std::optional<std::string>("associate"));
    }
    SUBCASE("commercial, EC seat wanted, all commercial seats taken: says so, recommends nothing") {
        ctx.commercial_ec_seats_held = 3;
        Evaluation e = evaluate(applicant(true, {"ec_seat"}), c, &ctx);
        CHECK_FALSE(e.recommended);
        bool said = false;
        for (const std::string& r : e.reasoning) said = said || r.find("are taken") != std::string::npos;
        CHECK(said);
    }
    SUBCASE("commercial, EC seat and vote wanted, seats taken: full grants the most") {
        ctx.commercial_ec_seats_held = 3;
        Evaluation e = evaluate(applicant(true, {"ec_seat", "ec_vote"}), c, &ctx);
        CHECK(e.recommended == std::optional<std::string>("full"));
        bool explained = false;
        for (const std::string& r : e.reasoning) explained = explained || r.find("Not granted") != std::string::npos;
        CHECK(explained);
    }
    SUBCASE("community groups need no membership") {
        Evaluation e = evaluate(applicant(true, {"community_groups"}), c, &ctx);
        CHECK(e.recommended == std::optional<std::string>("associate"));
        bool said = false;
        for (const std::string& r : e.reasoning) said = said || r.find("open to everyone") != std::string::npos;
        CHECK(said);
    }
    SUBCASE("an empty catalog recommends nothing") {
        Catalog empty = c;
        empty.tiers.clear();
        Evaluation e = evaluate(applicant(false), empty, &ctx);
        CHECK_FALSE(e.recommended);
        CHECK(e.reasoning.size() == 1);
    }
}

TEST_CASE("eligibility: evaluation_to_json has exactly the contract's shape") {
    Subject s = applicant(false, {"ec_seat"});
    s.usage = {2, 0};
    Json j = evaluation_to_json(evaluate(s, catalog(), nullptr));
    CHECK(j.size() == 3);
    CHECK(j.at("recommended") == "full");
    CHECK(j.at("reasoning").is_array());
    REQUIRE(j.at("tiers").size() == 2);
    const Json& t = j["tiers"][0];
    CHECK(t.size() == 7);
    CHECK(t.at("tier") == "full");
    CHECK(t.at("annual_fee") == Json{{"amount", 1000000}, {"currency", "USD"}});
    CHECK(t.at("benefits").size() == 4);
    CHECK(t.at("estimated_savings").at("amount") == 30000);
    CHECK(t.at("net_cost").at("amount") == 970000);
    CHECK(t.at("savings_lines").size() == 2);  // 0 training seats: a line saying so
    for (const char* right : {"ec_vote", "ec_seat", "oc_seat", "community_groups"}) {
        const Json& r = t.at("rights").at(right);
        CHECK(r.size() == 3);
        CHECK(r.at("granted").is_boolean());
        CHECK(r.at("reason").is_string());
        CHECK(r.at("rule").is_string());
    }
    CHECK(t.at("rights").size() == 5);
    CHECK(t.at("rights").at("trc").at("mode") == "seat");
    CHECK(j["tiers"][1]["rights"]["trc"]["mode"] == "nominate");
    CHECK(t.at("rights").at("trc").size() == 4);
    Json none = evaluation_to_json(Evaluation{});
    CHECK(none.at("recommended").is_null());
}
