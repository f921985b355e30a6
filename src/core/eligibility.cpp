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
#include <functional>
#include <limits>
#include <string_view>

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

// Usage (<= kMaxUsage) times a saving per unit (<= kMaxAmount) always fits; checked anyway, and
// a negative factor (never read) counts as none.
std::int64_t savings(std::int64_t units, std::int64_t per_unit) {
    if (units <= 0 || per_unit <= 0) return 0;
    return checked_mul(units, per_unit).value_or(std::numeric_limits<std::int64_t>::max());
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
    const std::size_t n = book.organisations.size();
    // Flags by position only when every id is unique: with a repeated id the sets answer for every
    // record sharing it, which one flag per record would not.
    const bool by_position = index.org_by_id.size() == n;
    if (by_position) {
        ctx.book_orgs = book.organisations.data();
        ctx.org_flags.assign(n, 0);
    }
    ctx.orgs_in_good_standing.reserve(n);  // no rehash while it fills

    // Which catalog tiers nominate to the TRC, by tier id: looked up once per organisation.
    auto nominates = [&](const std::optional<std::string>& tier) { return is_nominate_tier(catalog, tier); };

    for (std::size_t i = 0; i < n; ++i) {
        const Organisation& org = book.organisations[i];
        if (!org.tier) continue;  // prospects are not members: no standing to keep
        MembershipStatus s = membership_status(org, book, index, catalog, on);
        std::uint8_t flags = GovernanceContext::kMember | static_cast<std::uint8_t>(static_cast<unsigned>(s) << 4);
        if (in_good_standing(s)) {
            flags |= GovernanceContext::kGood;
            ctx.orgs_in_good_standing.insert(org.id);
            if (nominates(org.tier)) ++ctx.associate_members;
        } else {
            ctx.standing_of.emplace(org.id, to_string(s));
        }
        if (by_position) ctx.org_flags[i] = flags;
    }

    // A seat holder's record, and its flag when flags are kept (a holder not in the book has none).
    auto org_of = [&](const std::string& id, std::uint8_t flag) -> const Organisation* {
        const IdIndex::Entry* it = index.org_by_id.find(id);
        if (!it) return nullptr;
        if (by_position) ctx.org_flags[it->second] |= flag;
        return &book.organisations[it->second];
    };
    for (const Seat& seat : book.committees.ec) {
        if (!seat_is_current(seat, on)) continue;
        ctx.orgs_holding_ec_seat.insert(seat.org);
        const Organisation* org = org_of(seat.org, GovernanceContext::kHoldsEc);
        if (org && is_commercial(*org, catalog)) ++ctx.commercial_ec_seats_held;
    }
    for (const Seat& seat : book.committees.trc) {
        if (!seat_is_current(seat, on)) continue;
        ctx.orgs_holding_trc_seat.insert(seat.org);
        const Organisation* org = org_of(seat.org, GovernanceContext::kHoldsTrc);
        // A lapsed associate still occupies its place until the seat is ended.
        if (org && nominates(org->tier)) ++ctx.associate_trc_representatives;
    }
    return ctx;
}

std::ptrdiff_t GovernanceContext::position_of(const Organisation& org) const {
    if (org_flags.empty()) return -1;
    const std::less<const Organisation*> before;  // total order even across unrelated objects
    if (before(&org, book_orgs) || !before(&org, book_orgs + org_flags.size())) return -1;
    return &org - book_orgs;
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
    s.seats_known = true;
    const std::ptrdiff_t pos = context.position_of(org);
    if (pos >= 0) {  // the book's own record: its flags, no hashing
        const std::uint8_t flags = context.org_flags[static_cast<std::size_t>(pos)];
        s.holds_ec_seat = flags & GovernanceContext::kHoldsEc;
        s.holds_trc_seat = flags & GovernanceContext::kHoldsTrc;
        if (org.tier && (flags & GovernanceContext::kMember)) {
            s.in_good_standing = flags & GovernanceContext::kGood;
            if (!s.in_good_standing) s.standing = to_string(static_cast<MembershipStatus>((flags >> 4) & 7));
            return;
        }
        // A record that gained a tier after the context was made: by id, as below.
    } else {
        s.holds_ec_seat = !context.orgs_holding_ec_seat.empty() && context.orgs_holding_ec_seat.count(org.id) > 0;
        s.holds_trc_seat = !context.orgs_holding_trc_seat.empty() && context.orgs_holding_trc_seat.count(org.id) > 0;
    }
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
    // string_view compares (length first, then the bytes inline): this runs once per subject of a
    // bulk assessment, where std::string::compare(const char*) was a measurable share.
    using namespace std::string_view_literals;
    unsigned bits = 0;
    for (const std::string& i : interests) {
        const std::string_view v = i;
        if (v == "ec_vote"sv) bits |= 1;
        else if (v == "ec_seat"sv) bits |= 2;
        else if (v == "oc_seat"sv) bits |= 4;
        else if (v == "trc_seat"sv) bits |= 8;
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
    const bool holds_ec = s.seats_known ? s.holds_ec_seat : holds(ctx.orgs_holding_ec_seat, s.org_id);
    const bool holds_trc = s.seats_known ? s.holds_trc_seat : holds(ctx.orgs_holding_trc_seat, s.org_id);
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

        a.estimated_savings = saturating_add(savings(s.usage.conference_attendees, rates_[i].per_attendee),
                                             savings(s.usage.training_seats, rates_[i].per_seat));
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
