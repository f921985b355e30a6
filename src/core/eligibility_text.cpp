// evaluate(): the Assessor's decisions turned into sentences, each citing its rule
// (docs/rules.md), with the savings lines and the reasoning behind the recommendation.
//
// [SECTION] Reasons
// [SECTION] Savings lines
// [SECTION] Reasoning
// [SECTION] evaluate
// [SECTION] JSON
#include <algorithm>
#include <cstdint>
#include <map>

#include "core/eligibility.hpp"
#include "core/rules.hpp"

namespace portal {
namespace {

std::string label_of(const Tier& t) { return t.label.empty() ? t.id : t.label; }

std::string plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Everything the sentences need about the subject and the book.
struct Words {
    const Subject& subject;
    const Catalog& catalog;
    const GovernanceContext& ctx;
    std::string name;        // "Example Library" or "This organisation"
    std::string type_label;  // "Library"
    std::string standing;    // why rights are suspended, "" when in good standing
};

std::string standing_sentence(const Subject& s, const std::string& name, int grace_days) {
    if (s.in_good_standing) return "";
    std::string why;
    if (s.standing == "lapsed")
        why = "its membership has lapsed (an invoice is still unpaid " + std::to_string(grace_days) +
              " days after its due date)";
    else if (s.standing == "pending")
        why = "its membership is pending (the joining invoice is not paid yet)";
    else if (s.standing == "cancelled")
        why = "its membership is cancelled";
    else
        why = "its membership is " + (s.standing.empty() ? std::string("not current") : s.standing);
    return name + " is not in good standing: " + why + ", so its votes and seats are suspended until it is.";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reasons
// ---------------------------------------------------------------------------------------------

std::string commercial_taken(const Words& w) {
    const int held = w.ctx.commercial_ec_seats_held, cap = w.catalog.rules.ec_commercial_seat_cap;
    return held <= cap ? std::to_string(held) + " of " + std::to_string(cap) + " taken"
                       : std::to_string(held) + " held, over the cap of " + std::to_string(cap);
}

std::string ec_vote_reason(const Check& c, const Tier& t, const Words& w) {
    if (c.why == Why::NotInGoodStanding) return w.standing;
    if (!c.granted)
        return label_of(t) + " has no vote on the Executive Committee: only full members are eligible for voting "
                             "rights on the Executive Committee.";
    return label_of(t) + " carries a vote on the Executive Committee (only full members are eligible for voting "
                         "rights on the Executive Committee).";
}

std::string ec_seat_reason(const Check& c, const Tier& t, const Words& w) {
    const int cap = w.catalog.rules.ec_commercial_seat_cap;
    switch (c.why) {
        case Why::NotInGoodStanding: return w.standing;
        case Why::NonCommercial:
            return label_of(t) + " gives eligibility to serve on the Executive Committee; as a non-commercial "
                                 "organisation (" + w.type_label + "), " + w.name +
                   " is not limited by the cap on commercial seats.";
        case Why::CommercialHolds:
            return w.name + " is commercial and already holds one of the " + std::to_string(cap) +
                   " Executive Committee seats open to commercial organisations (" + commercial_taken(w) + ").";
        case Why::CommercialFree:
            return label_of(t) + " gives eligibility to serve on the Executive Committee, and a seat open to "
                                 "commercial organisations is free (" + commercial_taken(w) + ").";
        case Why::CommercialFull:
            return "All " + std::to_string(cap) + " Executive Committee seats open to commercial organisations are "
                   "taken (" + commercial_taken(w) + "): as a commercial organisation, " + w.name +
                   " is eligible for an EC seat only when one is free.";
        default: break;
    }
    return label_of(t) + " gives no eligibility to serve on the Executive Committee: that comes with full "
                         "membership.";
}

std::string oc_seat_reason(const Check& c, const Tier& t, const Words& w) {
    if (c.why == Why::NotInGoodStanding) return w.standing;
    if (!c.granted)
        return label_of(t) + " gives no eligibility to serve on the Operating Committee: that comes with full "
                             "membership.";
    return label_of(t) + " gives eligibility to serve on the Operating Committee.";
}

std::string trc_reason(const Check& c, const TierAssessment& a, const Words& w) {
    const Tier& t = *a.tier;
    const Fraction& share = w.catalog.rules.associate_trc_share;
    const std::string places = std::to_string(w.ctx.associate_trc_representatives) + " of " +
                               plural(a.trc_cap, "associate place", "associate places") + " taken; the cap is " +
                               plural(a.trc_members, "associate member", "associate members") + " x " +
                               std::to_string(share.num) + "/" + std::to_string(share.den) + ", rounded up";
    switch (c.why) {
        case Why::NotInGoodStanding: return w.standing;
        case Why::TierLacks: return label_of(t) + " gives no representation on the Technical Review Committee.";
        case Why::TierGrants:
            return label_of(t) + " gives each member representation on the Technical Review Committee.";
        case Why::AssociateHolds:
            return w.name + " already holds one of the associate places on the Technical Review Committee (" + places +
                   ").";
        case Why::AssociateFree:
            return label_of(t) + " may nominate a representative to the Technical Review Committee, and a place is "
                                 "free (" + places + ").";
        default: break;
    }
    return label_of(t) + " may nominate a representative to the Technical Review Committee, but every associate "
                         "place is taken (" + places + "): a nominee can serve only when one is free.";
}

Decision decision(const Check& c, std::string reason) {
    Decision d;
    d.granted = c.granted;
    d.rule = c.rule;
    d.reason = std::move(reason);
    return d;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Savings lines
// ---------------------------------------------------------------------------------------------

// One line per benefit with a savings estimate; the Assessor computed the same sums.
std::vector<std::string> savings_lines(const Tier& t, const Words& w) {
    std::vector<std::string> lines;
    const std::string& cur = w.catalog.currency;
    // Per usage unit, the benefit whose estimate counts: the first with the largest amount.
    std::map<std::string, const Benefit*> counted;
    for (const std::string& id : t.benefits) {
        const Benefit* b = w.catalog.find_benefit(id);
        if (!b || !b->savings || b->savings->amount <= 0) continue;
        const Benefit*& best = counted[b->savings->per];
        if (!best || b->savings->amount > best->savings->amount) best = b;
    }
    for (const std::string& id : t.benefits) {
        const Benefit* b = w.catalog.find_benefit(id);
        if (!b || !b->savings) continue;
        const SavingsEstimate& e = *b->savings;
        const std::string label = b->label.empty() ? b->id : b->label;
        std::int64_t units = 0;
        const char *one = nullptr, *many = nullptr;
        if (e.per == "conference_attendee") {
            units = w.subject.usage.conference_attendees;
            one = "conference attendee", many = "conference attendees";
        } else if (e.per == "training_seat") {
            units = w.subject.usage.training_seats;
            one = "training seat", many = "training seats";
        } else {
            lines.push_back(label + ": not estimated (unknown usage \"" + e.per + "\").");
            continue;
        }
        if (units < 0) units = 0;
        const std::int64_t amount = e.amount > 0 ? e.amount : 0;
        const std::int64_t saving = checked_mul(units, amount).value_or(INT64_MAX);  // bounded inputs: never taken
        auto best = counted.find(e.per);
        if (amount > 0 && best != counted.end() && best->second != b) {
            const std::string other = best->second->label.empty() ? best->second->id : best->second->label;
            lines.push_back(label + ": not added, as each " + one + " gets one discount and the larger estimate of \"" +
                            other + "\" applies.");
            continue;
        }
        std::string line = label + ": " + plural(units, one, many) + " a year x " + format_money(Money{amount, cur}) +
                           " = " + format_money(Money{saving, cur});
        if (e.note.empty()) {
            line += " (an assumed saving per unit).";
        } else {
            line += ". " + e.note;
            if (line.back() != '.') line += '.';
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reasoning
// ---------------------------------------------------------------------------------------------

struct Interest {
    unsigned bit;
    const char* id;
    const char* words;
};
constexpr Interest kInterests[] = {
    {1, "ec_vote", "a vote on the Executive Committee"},
    {2, "ec_seat", "a seat on the Executive Committee"},
    {4, "oc_seat", "a seat on the Operating Committee"},
    {8, "trc_seat", "representation on the Technical Review Committee"},
};

const Decision& decision_for(const TierEvaluation& e, unsigned bit) {
    if (bit == 1) return e.ec_vote;
    if (bit == 2) return e.ec_seat;
    if (bit == 4) return e.oc_seat;
    return e.trc;
}

std::string cost_text(const TierEvaluation& e) {
    std::string s = format_money(e.net_cost);
    if (e.estimated_savings.amount > 0)
        s += " (" + format_money(e.annual_fee) + " fee less " + format_money(e.estimated_savings) +
             " estimated savings)";
    return s;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string s;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) s += i + 1 == words.size() ? " and " : ", ";
        s += words[i];
    }
    return s;
}

void reasoning(const Assessment& as, const Words& w, Evaluation& ev) {
    auto& why = ev.reasoning;
    if (ev.tiers.empty()) {
        why.push_back("The catalog lists no tiers, so there is nothing to recommend.");
        return;
    }
    auto label = [&](std::size_t i) { return label_of(*as.tiers[i].tier); };
    for (const std::string& i : w.subject.interests)
        if (i != "community_groups" && std::none_of(std::begin(kInterests), std::end(kInterests),
                                                    [&](const Interest& k) { return i == k.id; }))
            why.push_back("The interest \"" + i + "\" is not one the engine knows, so it was not considered.");

    if (!w.standing.empty()) why.push_back(w.standing);
    const int cap = w.catalog.rules.ec_commercial_seat_cap;
    const bool said_cap = w.subject.commercial && w.ctx.commercial_ec_seats_held >= cap &&
                          !(w.subject.org_id && w.ctx.orgs_holding_ec_seat.count(*w.subject.org_id));
    if (said_cap)
        why.push_back("All " + std::to_string(cap) + " Executive Committee seats open to commercial organisations "
                      "are taken, so no tier can give " + w.name + " an EC seat until one is free.");
    if (std::find(w.subject.interests.begin(), w.subject.interests.end(), "community_groups") != w.subject.interests.end())
        why.push_back("Community groups and committees are open to everyone, so they need no membership at all.");

    if (as.wanted == 0) {
        const std::size_t best = static_cast<std::size_t>(as.recommended);
        why.push_back("No committee rights were asked for, so the recommendation is the tier with the lowest net "
                      "cost: " + label(best) + " at " + cost_text(ev.tiers[best]) + ".");
        return;
    }

    std::vector<const Interest*> wanted;
    std::vector<std::string> words;
    for (const Interest& i : kInterests)
        if (as.wanted & i.bit) {
            wanted.push_back(&i);
            words.push_back(i.words);
        }
    why.push_back("Asked for: " + join_words(words) + ".");

    if (as.recommended < 0) {
        why.push_back("No tier grants any of these rights now, so no tier is recommended for them.");
        // What stands in the way: for each right, the reason under a tier that has it in principle.
        for (const Interest* i : wanted) {
            const Decision* shown = nullptr;
            for (const TierEvaluation& e : ev.tiers) {
                const Decision& d = decision_for(e, i->bit);
                if (!shown || (d.rule != rules::kCommitteeSeat && d.rule != rules::kEcVote && d.rule != rules::kTrcTierNone))
                    shown = &d;
            }
            if (!shown || shown->reason == w.standing || (said_cap && shown->rule == rules::kEcCommercialCap)) continue;
            why.push_back(shown->reason);
        }
        return;
    }

    const std::size_t best = static_cast<std::size_t>(as.recommended);
    if (as.wanted_granted == static_cast<int>(wanted.size())) {
        why.push_back(label(best) + " grants all of this at the lowest net cost of the tiers that do: " +
                      cost_text(ev.tiers[best]) + ".");
    } else {
        why.push_back("No tier grants everything asked for; " + label(best) + " grants the most (" +
                      std::to_string(as.wanted_granted) + " of " + std::to_string(wanted.size()) + ") at " +
                      cost_text(ev.tiers[best]) + ".");
        for (const Interest* i : wanted) {
            const Decision& d = decision_for(ev.tiers[best], i->bit);
            if (!d.granted) why.push_back("Not granted, " + std::string(i->words) + ": " + d.reason);
        }
    }
    for (std::size_t t = 0; t < ev.tiers.size(); ++t) {
        if (t == best) continue;
        int n = 0;
        for (const Interest* i : wanted) n += decision_for(ev.tiers[t], i->bit).granted ? 1 : 0;
        if (n == as.wanted_granted) why.push_back(label(t) + " grants as much but costs more: " + cost_text(ev.tiers[t]) + ".");
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] evaluate
// ---------------------------------------------------------------------------------------------

Evaluation evaluate(const Subject& subject, const Catalog& catalog, const GovernanceContext* context) {
    const Assessor assessor(catalog, context);
    Assessment as;
    assessor.assess(subject, as);

    Words w{subject, catalog, assessor.context(), subject.name.empty() ? "This organisation" : subject.name, "", ""};
    const OrgType* type = catalog.find_type(subject.type);
    w.type_label = type ? (type->label.empty() ? type->id : type->label) : subject.type;
    w.standing = standing_sentence(subject, w.name, catalog.rules.grace_days);

    Evaluation ev;
    ev.tiers.reserve(as.tiers.size());
    for (const TierAssessment& a : as.tiers) {
        const Tier& t = *a.tier;
        TierEvaluation e;
        e.tier = t.id;
        e.annual_fee = Money{t.annual_fee, catalog.currency};
        e.benefits = t.benefits;
        e.ec_vote = decision(a.ec_vote, ec_vote_reason(a.ec_vote, t, w));
        e.ec_seat = decision(a.ec_seat, ec_seat_reason(a.ec_seat, t, w));
        e.oc_seat = decision(a.oc_seat, oc_seat_reason(a.oc_seat, t, w));
        static_cast<Decision&>(e.trc) = decision(a.trc, trc_reason(a.trc, a, w));
        e.trc.mode = t.rights.trc;
        e.community_groups = decision(a.community_groups,
                                      "Community groups and committees are open to everyone, members or not: "
                                      "\"Individuals who work for commercial organisations are welcome and encouraged "
                                      "to serve in community groups and committees\".");
        e.estimated_savings = Money{a.estimated_savings, catalog.currency};
        e.net_cost = Money{a.net_cost, catalog.currency};
        e.savings_lines = savings_lines(t, w);
        ev.tiers.push_back(std::move(e));
    }
    if (as.recommended >= 0) ev.recommended = as.tiers[static_cast<std::size_t>(as.recommended)].tier->id;
    reasoning(as, w, ev);
    return ev;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON
// ---------------------------------------------------------------------------------------------

namespace {
Json money_json(const Money& m) { return Json{{"amount", m.amount}, {"currency", m.currency}}; }
Json decision_json(const Decision& d) { return Json{{"granted", d.granted}, {"reason", d.reason}, {"rule", d.rule}}; }
}  // namespace

Json evaluation_to_json(const Evaluation& evaluation) {
    Json tiers = Json::array();
    for (const TierEvaluation& e : evaluation.tiers) {
        Json trc = decision_json(e.trc);
        trc["mode"] = to_string(e.trc.mode);
        tiers.push_back(Json{
            {"tier", e.tier},
            {"annual_fee", money_json(e.annual_fee)},
            {"benefits", e.benefits},
            {"rights",
             Json{{"ec_vote", decision_json(e.ec_vote)},
                  {"ec_seat", decision_json(e.ec_seat)},
                  {"oc_seat", decision_json(e.oc_seat)},
                  {"trc", trc},
                  {"community_groups", decision_json(e.community_groups)}}},
            {"estimated_savings", money_json(e.estimated_savings)},
            {"net_cost", money_json(e.net_cost)},
            {"savings_lines", e.savings_lines},
        });
    }
    return Json{{"recommended", evaluation.recommended ? Json(*evaluation.recommended) : Json(nullptr)},
                {"reasoning", evaluation.reasoning},
                {"tiers", tiers}};
}

}  // namespace portal
