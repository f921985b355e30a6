// Properties over thousands of random books (seeded, same sequence on every platform): the engine
// never grants a seat beyond a cap, every decision cites a known rule with a reason, community
// groups are always open, and evaluation is deterministic.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "eligibility_builders.hpp"

using namespace portal;
using namespace portal::elig_test;

namespace {

// splitmix64: std:: distributions differ between libstdc++ and libc++ (wasm), this does not.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

Catalog property_catalog() {
    Catalog c = catalog();
    // A third tier the code has never heard of: votes but no seats, nominates to the TRC.
    c.tiers.push_back(tier("patron", "Patron", 600000, {true, false, false, TrcMode::Nominate}, {"conference_rates"}));
    c.tiers.push_back(tier("supporter", "Supporter", 50000, {false, false, false, TrcMode::None}, {}));
    return c;
}

Book random_book(Rng& rng, const Catalog& c) {
    static const char* types[] = {"library", "museum", "archive", "company", "company"};
    static const char* tiers[] = {"full", "associate", "patron", "supporter"};
    Book b;
    const int n = 5 + rng.below(40);
    for (int i = 0; i < n; ++i) {
        std::optional<std::string> t;
        if (!rng.chance(15)) t = tiers[rng.below(4)];
        Organisation o = org("o" + std::to_string(i), t, types[rng.below(5)]);
        if (rng.chance(10)) o.commercial = rng.chance(50);
        if (rng.chance(5)) o.cancelled_on = day("2027-01-01");
        b.organisations.push_back(o);
        if (t && rng.chance(20)) {
            // Due dates from far past (lapsed) to recent (grace) to future (current).
            static const char* dues[] = {"2026-10-01", "2027-02-01", "2027-04-15", "2027-07-01"};
            b.invoices.push_back(unpaid_invoice("i" + std::to_string(i), o.id, "2026-09-01", dues[rng.below(4)]));
        }
    }
    // Up to the cap of commercial EC seats already taken (a legal book); the test then adds the
    // seats the engine grants, one at a time, so each grant sees the seats granted before it.
    const int taken = rng.below(c.rules.ec_commercial_seat_cap + 1);
    for (const Organisation& o : b.organisations)
        if (static_cast<int>(b.committees.ec.size()) < taken && o.tier == std::string("full") && is_commercial(o, c))
            b.committees.ec.push_back(seat("pre" + o.id, o.id, "2026-01-01"));
    return b;
}

std::vector<const Decision*> decisions(const TierEvaluation& t) {
    return {&t.ec_vote, &t.ec_seat, &t.oc_seat, &t.trc, &t.community_groups};
}

}  // namespace

// Millions of doctest CHECKs are slow (and slower still as wasm): failures are collected and the
// first one is reported with its book and step.
struct Failures {
    int count = 0;
    std::string first;
    void expect(bool ok, const std::string& what) {
        if (ok) return;
        if (count++ == 0) first = what;
    }
};

TEST_CASE("eligibility property: caps hold, reasons are never empty, community groups always open") {
    const Catalog c = property_catalog();
    Rng rng{20270601};
    Failures f;
    int books = 0, grants_ec = 0, grants_trc = 0, refusals_cap = 0;
    for (int round = 0; round < 2000; ++round) {
        Book b = random_book(rng, c);
        ++books;
        for (int step = 0; step < 10; ++step) {
            const std::string where = "book " + std::to_string(round) + " step " + std::to_string(step) + ": ";
            GovernanceContext ctx = context_from_book(b, c, kOn);
            const Organisation& o = b.organisations[rng.below(static_cast<int>(b.organisations.size()))];
            Subject s = subject_from_org(o, c, ctx);
            if (rng.chance(30)) s.interests = {"ec_seat", "trc_seat"};
            s.usage = {rng.below(20), rng.below(20)};
            Evaluation e = evaluate(s, c, &ctx);

            REQUIRE(e.tiers.size() == c.tiers.size());
            f.expect(!e.reasoning.empty(), where + "no reasoning");
            f.expect(!e.recommended || c.find_tier(*e.recommended), where + "unknown recommended tier");
            for (const TierEvaluation& t : e.tiers) {
                const std::string at = where + t.tier + ": ";
                for (const Decision* d : decisions(t)) {
                    f.expect(!d->reason.empty(), at + "empty reason");
                    f.expect(known_rule(d->rule), at + "unknown rule '" + d->rule + "'");
                }
                f.expect(t.community_groups.granted, at + "community groups denied");
                f.expect(t.net_cost.amount >= 0 && t.net_cost.amount <= t.annual_fee.amount, at + "net cost out of range");
                const Tier& tier = *c.find_tier(t.tier);
                f.expect(!t.ec_vote.granted || (tier.rights.ec_vote && s.in_good_standing), at + "ec_vote granted");
                f.expect(!t.ec_seat.granted || (tier.rights.ec_seat && s.in_good_standing), at + "ec_seat granted");
                f.expect(!t.oc_seat.granted || (tier.rights.oc_seat && s.in_good_standing), at + "oc_seat granted");
                f.expect(!t.trc.granted || tier.rights.trc != TrcMode::None, at + "trc granted");
                f.expect(t.trc.mode == tier.rights.trc, at + "trc mode");
            }

            // Take the seats the org's own tier grants, as staff would.
            if (!o.tier) continue;
            const TierEvaluation& own = tier_of(e, *o.tier);
            if (is_commercial(o, c) && !ctx.orgs_holding_ec_seat.count(o.id) &&
                ctx.commercial_ec_seats_held >= c.rules.ec_commercial_seat_cap) {
                f.expect(!own.ec_seat.granted, where + "a commercial seat beyond the cap");
                if (own.ec_seat.rule == rules::kEcCommercialCap) ++refusals_cap;
            }
            if (own.ec_seat.granted && !ctx.orgs_holding_ec_seat.count(o.id) && rng.chance(70)) {
                b.committees.ec.push_back(seat("ec" + std::to_string(step), o.id, "2027-01-01"));
                ++grants_ec;
            }
            if (own.trc.granted && own.trc.mode == TrcMode::Nominate && !ctx.orgs_holding_trc_seat.count(o.id)) {
                b.committees.trc.push_back(seat("trc" + std::to_string(step), o.id, "2027-01-01"));
                ++grants_trc;
            }
        }
        // Seats granted by the engine never break a cap.
        const std::string where = "book " + std::to_string(round) + ": ";
        GovernanceContext ctx = context_from_book(b, c, kOn);
        f.expect(ctx.commercial_ec_seats_held <= c.rules.ec_commercial_seat_cap, where + "commercial cap broken");
        f.expect(ctx.associate_trc_representatives <=
                     rules::associate_trc_cap(ctx.associate_members, c.rules.associate_trc_share),
                 where + "associate TRC cap broken");
        for (const Violation& v : check_governance(b, c, kOn)) {
            f.expect(v.rule != rules::kEcCommercialCap && v.rule != rules::kTrcAssociate &&
                         v.rule != rules::kCommitteeSeat,
                     where + "violation " + v.rule + ": " + v.message);
            f.expect(known_rule(v.rule) && !v.message.empty(), where + "bad violation");
        }
    }
    INFO(f.first);
    CHECK(f.count == 0);
    // The generator really exercised the caps.
    CHECK(books == 2000);
    CHECK(grants_ec > 100);
    CHECK(grants_trc > 100);
    CHECK(refusals_cap > 30);
}

TEST_CASE("eligibility property: evaluation is deterministic") {
    const Catalog c = property_catalog();
    Rng rng{42};
    bool same = true;
    for (int round = 0; round < 40; ++round) {
        Book b = random_book(rng, c);
        GovernanceContext ctx = context_from_book(b, c, kOn);
        for (const Organisation& o : b.organisations) {
            Subject s = subject_from_org(o, c, ctx);
            s.interests = {"ec_vote", "trc_seat"};
            same = same && evaluation_to_json(evaluate(s, c, &ctx)) == evaluation_to_json(evaluate(s, c, &ctx));
        }
    }
    CHECK(same);
}
