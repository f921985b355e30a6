// The eligibility engine's decisions (docs/rules.md). Nothing about a particular tier is written
// here: a tier's rights and the caps come from the catalog, so a tier added to the JSON is
// evaluated the same way. The reason sentences are rendered in eligibility_text.cpp.
//
// [SECTION] Rules table helpers
// [SECTION] Context from the book
// [SECTION] Subjects
// [SECTION] Assessor
#include "core/eligibility.hpp"

#include <algorithm>

#include <cstring>
#include <limits>

#include "core/governance.hpp"
#include "core/rules.hpp"
#include "core/status.hpp"

namespace portal {

// ---------------------------------------------------------------------------------------------
// [SECTION] Rules table helpers
// ---------------------------------------------------------------------------------------------

namespace rules {

const RuleText* find_rule(const char* id) {
    for (const RuleText& r : kAll)
        if (std::strcmp(r.id, id) == 0) return &r;
    return nullptr;
}

std::int64_t associate_trc_cap(std::int64_t associate_members, const Fraction& share) {
    if (associate_members <= 0 || share.num <= 0 || share.den <= 0) return 0;
    // Ceiling division on non-negative values; the catalog keeps num/den small.
    return (associate_members * share.num + share.den - 1) / share.den;
}

}  // namespace rules

namespace {

bool is_nominate_tier(const Catalog& catalog, const std::optional<std::string>& tier) {
    if (!tier) return false;
    const Tier* t = catalog.find_tier(*tier);
    return t && t->rights.trc == TrcMode::Nominate;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    return b > std::numeric_limits<std::int64_t>::max() - a ? std::numeric_limits<std::int64_t>::max() : a + b;
}

std::int64_t saturating_mul(std::int64_t a, std::int64_t b) {
    if (a <= 0 || b <= 0) return 0;
    if (a > std::numeric_limits<std::int64_t>::max() / b) return std::numeric_limits<std::int64_t>::max();
    return a * b;
}

const GovernanceContext& empty_context() {
    static const GovernanceContext empty;
    return empty;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Context from the book
// ---------------------------------------------------------------------------------------------

GovernanceContext context_from_book(const Book& book, const Catalog& catalog, Date on) {
    return context_from_book(book, catalog, on, index_book(book));
}

GovernanceContext context_from_book(const Book& book, const Catalog& catalog, Date on, const BookIndex& index) {
    GovernanceContext ctx;

    // Which catalog tiers nominate to the TRC, by tier id: looked up once per organisation.
    auto nominates = [&](const std::optional<std::string>& tier) { return is_nominate_tier(catalog, tier); };

    for (const Organisation& org : book.organisations) {
        if (!org.tier) continue;  // prospects are not members: no standing to keep
        MembershipStatus s = membership_status(org, book, index, catalog, on);
        if (in_good_standing(s)) {
            ctx.orgs_in_good_standing.insert(org.id);
            if (nominates(org.tier)) ++ctx.associate_members;
        } else {
            ctx.standing_of.emplace(org.id, to_string(s));
        }
    }

    auto org_of = [&](const std::string& id) -> const Organisation* {
        const IdIndex::Entry* it = index.org_by_id.find(id);
        return it ? &book.organisations[it->second] : nullptr;
    };
    for (const Seat& seat : book.committees.ec) {
        if (!seat_is_current(seat, on)) continue;
        ctx.orgs_holding_ec_seat.insert(seat.org);
        const Organisation* org = org_of(seat.org);
        if (org && is_commercial(*org, catalog)) ++ctx.commercial_ec_seats_held;
    }
    for (const Seat& seat : book.committees.trc) {
        if (!seat_is_current(seat, on)) continue;
        ctx.orgs_holding_trc_seat.insert(seat.org);
        const Organisation* org = org_of(seat.org);
        // A lapsed associate still occupies its place until the seat is ended.
        if (org && nominates(org->tier)) ++ctx.associate_trc_representatives;
    }
    return ctx;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Subjects
// ---------------------------------------------------------------------------------------------

Subject subject_from_application(const Application& application, const Catalog& catalog) {
    Subject s;
    s.name = application.name;
    s.type = application.type;
    if (application.commercial) {
        s.commercial = *application.commercial;
    } else {
        const OrgType* t = catalog.find_type(application.type);
        s.commercial = t && t->commercial;
    }
    s.country = application.country;
    s.usage = application.usage;
    s.interests = application.interests;
    s.in_good_standing = true;
    return s;
}

Subject subject_from_org(const Organisation& org, const Catalog& catalog, const GovernanceContext& context) {
    Subject s;
    subject_from_org(org, catalog, context, s);
    return s;
}

void subject_from_org(const Organisation& org, const Catalog& catalog, const GovernanceContext& context, Subject& s) {
    s.name = org.name;
    s.type = org.type;
    s.commercial = is_commercial(org, catalog);
    s.country = org.country;
    s.usage = Usage{};
    s.interests.clear();
    s.org_id = org.id;
    s.tier = org.tier;
    s.standing.clear();
    // A non-member in the book is a prospect: like an applicant, assumed to pay on time.
    s.in_good_standing = true;
    if (org.tier) {
        s.in_good_standing = context.orgs_in_good_standing.count(org.id) > 0;
        if (!s.in_good_standing) {
            auto it = context.standing_of.find(org.id);
            s.standing = it != context.standing_of.end() ? it->second : "not current";
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Assessor
// ---------------------------------------------------------------------------------------------

Assessor::Assessor(const Catalog& catalog, const GovernanceContext* context)
    : catalog_(catalog), context_(context ? *context : empty_context()) {
    rates_.resize(catalog.tiers.size());
    for (std::size_t i = 0; i < catalog.tiers.size(); ++i) {
        for (const std::string& id : catalog.tiers[i].benefits) {
            const Benefit* b = catalog.find_benefit(id);
            if (!b || !b->savings || b->savings->amount <= 0) continue;
            // One attendee or seat gets one discount: benefits of a tier with the same `per` describe
            // the same saving, so the largest estimate counts, never their sum (docs/formats.md).
            if (b->savings->per == "conference_attendee")
                rates_[i].per_attendee = std::max(rates_[i].per_attendee, b->savings->amount);
            else if (b->savings->per == "training_seat")
                rates_[i].per_seat = std::max(rates_[i].per_seat, b->savings->amount);
        }
    }
}

namespace {

Check check(bool granted, const char* rule, Why why) { return Check{granted, rule, why}; }

unsigned wanted_bits(const std::vector<std::string>& interests) {
    unsigned bits = 0;
    for (const std::string& i : interests) {
        if (i == "ec_vote") bits |= 1;
        else if (i == "ec_seat") bits |= 2;
        else if (i == "oc_seat") bits |= 4;
        else if (i == "trc_seat") bits |= 8;
    }
    return bits;
}

int granted_count(const TierAssessment& a, unsigned wanted) {
    return ((wanted & 1) && a.ec_vote.granted) + ((wanted & 2) && a.ec_seat.granted) +
           ((wanted & 4) && a.oc_seat.granted) + ((wanted & 8) && a.trc.granted);
}

// Cheapest net cost, then lowest fee; ties keep catalog order (the caller only replaces on "less").
bool cheaper(const TierAssessment& a, const TierAssessment& b) {
    if (a.net_cost != b.net_cost) return a.net_cost < b.net_cost;
    return a.tier->annual_fee < b.tier->annual_fee;
}

bool holds(const IdSet& set, const std::optional<std::string>& id) {
    return id && !set.empty() && set.count(*id) > 0;
}

}  // namespace

void Assessor::assess(const Subject& s, Assessment& out) const {
    const Catalog& c = catalog_;
    const GovernanceContext& ctx = context_;
    const bool good = s.in_good_standing;
    const bool holds_ec = holds(ctx.orgs_holding_ec_seat, s.org_id);
    const bool holds_trc = holds(ctx.orgs_holding_trc_seat, s.org_id);
    const Check standing = check(false, rules::kGoodStanding, Why::NotInGoodStanding);

    // Under a nominate tier the subject counts among the associate members; if it is not one
    // already (an applicant, or a member of another tier), joining adds one.
    const bool counted = s.org_id && good && is_nominate_tier(c, s.tier);
    const std::int64_t members = ctx.associate_members + (counted ? 0 : 1);
    const std::int64_t trc_cap = rules::associate_trc_cap(members, c.rules.associate_trc_share);

    out.tiers.resize(c.tiers.size());
    for (std::size_t i = 0; i < c.tiers.size(); ++i) {
        const Tier& t = c.tiers[i];
        TierAssessment& a = out.tiers[i];
        a = TierAssessment{};
        a.tier = &t;

        if (!t.rights.ec_vote) a.ec_vote = check(false, rules::kEcVote, Why::TierLacks);
        else if (!good) a.ec_vote = standing;
        else a.ec_vote = check(true, rules::kEcVote, Why::TierGrants);

        if (!t.rights.ec_seat) a.ec_seat = check(false, rules::kCommitteeSeat, Why::TierLacks);
        else if (!good) a.ec_seat = standing;
        else if (!s.commercial) a.ec_seat = check(true, rules::kCommitteeSeat, Why::NonCommercial);
        else if (holds_ec) a.ec_seat = check(true, rules::kEcCommercialCap, Why::CommercialHolds);
        else if (ctx.commercial_ec_seats_held < c.rules.ec_commercial_seat_cap)
            a.ec_seat = check(true, rules::kEcCommercialCap, Why::CommercialFree);
        else a.ec_seat = check(false, rules::kEcCommercialCap, Why::CommercialFull);

        if (!t.rights.oc_seat) a.oc_seat = check(false, rules::kCommitteeSeat, Why::TierLacks);
        else if (!good) a.oc_seat = standing;
        else a.oc_seat = check(true, rules::kCommitteeSeat, Why::TierGrants);

        if (t.rights.trc == TrcMode::None) {
            a.trc = check(false, rules::kTrcTierNone, Why::TierLacks);
        } else if (!good) {
            a.trc = standing;
        } else if (t.rights.trc == TrcMode::Seat) {
            a.trc = check(true, rules::kTrcFull, Why::TierGrants);
        } else {
            a.trc_cap = trc_cap;
            a.trc_members = members;
            if (counted && holds_trc) a.trc = check(true, rules::kTrcAssociate, Why::AssociateHolds);
            else if (ctx.associate_trc_representatives < trc_cap) a.trc = check(true, rules::kTrcAssociate, Why::AssociateFree);
            else a.trc = check(false, rules::kTrcAssociate, Why::AssociateFull);
        }

        a.community_groups = check(true, rules::kCommunityOpen, Why::OpenToEveryone);

        a.estimated_savings = saturating_add(saturating_mul(s.usage.conference_attendees, rates_[i].per_attendee),
                                             saturating_mul(s.usage.training_seats, rates_[i].per_seat));
        a.net_cost = t.annual_fee > a.estimated_savings ? t.annual_fee - a.estimated_savings : 0;
    }

    // The recommendation: the cheapest tier granting every right asked for, else the one granting
    // the most; nothing when no tier grants any of them. No rights asked for: the cheapest.
    out.wanted = wanted_bits(s.interests);
    out.recommended = -1;
    out.wanted_granted = 0;
    int best_count = -1;
    for (std::size_t i = 0; i < out.tiers.size(); ++i) {
        const int n = granted_count(out.tiers[i], out.wanted);
        if (best_count < 0 || n > best_count || (n == best_count && cheaper(out.tiers[i], out.tiers[static_cast<std::size_t>(out.recommended)]))) {
            out.recommended = static_cast<int>(i);
            best_count = n;
        }
    }
    if (out.wanted != 0 && best_count <= 0) out.recommended = -1;
    out.wanted_granted = best_count < 0 ? 0 : best_count;
}

}  // namespace portal
