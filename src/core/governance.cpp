// The governance check: every current committee seat against the rules of docs/rules.md.
// Per-seat checks run in book order; the two caps then list the seats beyond them, oldest first,
// so the seats taken last are the ones reported.
#include "core/governance.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/eligibility.hpp"
#include "core/rules.hpp"
#include "core/status.hpp"

namespace portal {

bool seat_is_current(const Seat& seat, Date on) {
    return seat.term_start <= on && (!seat.term_end || on <= *seat.term_end);
}

namespace {

const char* committee_name(Committee c) {
    switch (c) {
        case Committee::EC: return "Executive Committee";
        case Committee::OC: return "Operating Committee";
        case Committee::TRC: break;
    }
    return "Technical Review Committee";
}

std::string ordinal(std::size_t n) {
    const char* suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1) suffix = "st";
        else if (n % 10 == 2) suffix = "nd";
        else if (n % 10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

struct Checker {
    const Catalog& catalog;
    const GovernanceContext& ctx;
    IdIndex holders;                            // seat holders' ids -> position in `holder_orgs`
    std::vector<const Organisation*> holder_orgs;  // null: not in the book
    std::vector<Violation> out;

    const Organisation* org_of(const std::string& id) const {
        const IdIndex::Entry* e = holders.find(id);
        return e ? holder_orgs[e->second] : nullptr;
    }

    void add(const char* rule, Committee c, const Seat& s, std::string message) {
        out.push_back(Violation{rule, c, s.org, s.id, std::move(message)});
    }

    static std::string who(const Organisation& o) { return o.name.empty() ? o.id : o.name + " (" + o.id + ")"; }

    // Checks that depend on the seat holder alone.
    void check_seat(Committee c, const Seat& s) {
        const Organisation* org = org_of(s.org);
        if (!org) {
            add(rules::kSeatOrgUnknown, c, s,
                "Seat " + s.id + " on the " + committee_name(c) + " is held by \"" + s.org +
                    "\", which is not an organisation in the book.");
            return;
        }
        const Tier* tier = org->tier ? catalog.find_tier(*org->tier) : nullptr;
        if (!tier) {
            add(c == Committee::TRC ? rules::kTrcTierNone : rules::kCommitteeSeat, c, s,
                who(*org) + " is not a member but holds seat " + s.id + " on the " + committee_name(c) + ".");
            return;
        }
        const std::string tier_label = tier->label.empty() ? tier->id : tier->label;
        if (c == Committee::EC && !tier->rights.ec_seat)
            add(rules::kCommitteeSeat, c, s,
                who(*org) + " holds seat " + s.id + " on the Executive Committee, but " + tier_label +
                    " gives no eligibility to serve on it: only full members may.");
        if (c == Committee::OC && !tier->rights.oc_seat)
            add(rules::kCommitteeSeat, c, s,
                who(*org) + " holds seat " + s.id + " on the Operating Committee, but " + tier_label +
                    " gives no eligibility to serve on it: only full members may.");
        if (c == Committee::TRC && tier->rights.trc == TrcMode::None)
            add(rules::kTrcTierNone, c, s,
                who(*org) + " holds seat " + s.id + " on the Technical Review Committee, but " + tier_label +
                    " gives no TRC representation.");
        if (!ctx.orgs_in_good_standing.count(org->id)) {
            auto it = ctx.standing_of.find(org->id);
            const std::string status = it != ctx.standing_of.end() ? it->second : "not current";
            add(rules::kGoodStanding, c, s,
                who(*org) + " holds seat " + s.id + " on the " + committee_name(c) +
                    " but is not in good standing (membership " + status + ").");
        }
    }

    // Seats beyond a cap, in term_start order (ties: seat id), each reported once.
    void check_cap(const char* rule, Committee c, std::vector<const Seat*> seats, std::int64_t cap,
                   const std::string& what, const std::string& cap_note) {
        if (static_cast<std::int64_t>(seats.size()) <= cap) return;
        std::stable_sort(seats.begin(), seats.end(), [](const Seat* a, const Seat* b) {
            if (a->term_start != b->term_start) return a->term_start < b->term_start;
            return a->id < b->id;
        });
        for (std::size_t i = static_cast<std::size_t>(cap < 0 ? 0 : cap); i < seats.size(); ++i) {
            const Organisation* org = org_of(seats[i]->org);
            add(rule, c, *seats[i],
                (org ? who(*org) : seats[i]->org) + " holds the " + ordinal(i + 1) + " " + what + " (seat " +
                    seats[i]->id + ", since " + seats[i]->term_start.iso() + "); at most " + std::to_string(cap) +
                    " are allowed" + cap_note + ".");
        }
    }
};

}  // namespace

std::vector<Violation> check_governance(const Book& book, const Catalog& catalog, Date on,
                                        const GovernanceContext& context) {
    Checker ch{catalog, context, {}, {}, {}};
    // Only seat holders need looking up: one pass over the organisations against a small table.
    for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
        for (const Seat& s : book.committees.of(c))
            if (seat_is_current(s, on) && ch.holders.insert(s.org, ch.holders.size())) ch.holder_orgs.push_back(nullptr);
    if (!ch.holders.empty()) {
        for (const Organisation& o : book.organisations) {
            const IdIndex::Entry* e = ch.holders.find(o.id);
            if (e && !ch.holder_orgs[e->second]) ch.holder_orgs[e->second] = &o;  // duplicates: the first wins
        }
    }

    for (Committee c : {Committee::EC, Committee::OC, Committee::TRC}) {
        std::vector<const Seat*> capped;
        for (const Seat& s : book.committees.of(c)) {
            if (!seat_is_current(s, on)) continue;
            ch.check_seat(c, s);
            const Organisation* org = ch.org_of(s.org);
            if (!org) continue;
            if (c == Committee::EC && is_commercial(*org, catalog)) capped.push_back(&s);
            if (c == Committee::TRC && org->tier) {
                const Tier* t = catalog.find_tier(*org->tier);
                if (t && t->rights.trc == TrcMode::Nominate) capped.push_back(&s);
            }
        }
        if (c == Committee::EC)
            ch.check_cap(rules::kEcCommercialCap, c, capped, catalog.rules.ec_commercial_seat_cap,
                         "Executive Committee seat held by a commercial organisation", "");
        if (c == Committee::TRC)
            ch.check_cap(rules::kTrcAssociate, c, capped,
                         rules::associate_trc_cap(context.associate_members, catalog.rules.associate_trc_share),
                         "Technical Review Committee seat held by an associate member",
                         " (" + std::to_string(catalog.rules.associate_trc_share.num) + "/" +
                             std::to_string(catalog.rules.associate_trc_share.den) + " of the " +
                             std::to_string(context.associate_members) +
                             " associate members in good standing, rounded up)");
    }
    return std::move(ch.out);
}

std::vector<Violation> check_governance(const Book& book, const Catalog& catalog, Date on) {
    return check_governance(book, catalog, on, context_from_book(book, catalog, on));
}

Json violations_to_json(const std::vector<Violation>& violations) {
    Json list = Json::array();
    for (const Violation& v : violations)
        list.push_back(Json{{"rule", v.rule},
                            {"committee", to_string(v.committee)},
                            {"org", v.org},
                            {"seat_id", v.seat_id},
                            {"message", v.message}});
    return Json{{"violations", list}};
}

}  // namespace portal
