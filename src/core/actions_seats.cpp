// Committee seat actions: seat.add, seat.end (docs/actions.md). A change is refused when the
// governance check finds a violation after it that was not there before (violations already in
// the book are not this change's fault).
#include <algorithm>
#include <tuple>

#include "core/actions_internal.hpp"
#include "core/eligibility.hpp"
#include "core/governance.hpp"
#include "core/status.hpp"

namespace portal::detail {

namespace {

// Membership standing (the costly part of the governance context, O(book)) does not change when a
// seat does, so one context serves the check before and after the change. The seat counts in it
// describe the book before; check_governance counts seats itself (tests/core/test_committees.cpp
// pins the caps, so a change there would show).
struct SeatCheck {
    const Book& book;
    const Catalog& catalog;
    Date on;
    GovernanceContext context = context_from_book(book, catalog, on);
    std::vector<Violation> before = check_governance(book, catalog, on, context);
    std::vector<Violation> now() const { return check_governance(book, catalog, on, context); }
};

using Key = std::tuple<std::string, int, std::string, std::string>;  // rule, committee, org, seat

std::vector<Key> keys_of(const std::vector<Violation>& vs) {
    std::vector<Key> out;
    for (const Violation& v : vs) out.emplace_back(v.rule, static_cast<int>(v.committee), v.org, v.seat_id);
    std::sort(out.begin(), out.end());
    return out;
}

// The violations of `after` that `before` does not have (as a multiset), in `after`'s order.
std::vector<Violation> new_violations(const std::vector<Violation>& before, const std::vector<Violation>& after) {
    std::vector<Key> old = keys_of(before);
    std::vector<Violation> out;
    for (const Violation& v : after) {
        Key k{v.rule, static_cast<int>(v.committee), v.org, v.seat_id};
        auto it = std::lower_bound(old.begin(), old.end(), k);
        if (it != old.end() && *it == k) old.erase(it);
        else out.push_back(v);
    }
    return out;
}

// The violations that adding seats.back() to `c` creates, exactly as comparing a full check before
// and after would find them (tests/core/test_seat_incremental.cpp compares the two on random
// books), without the full check when the new seat counts toward no cap: the other seats' own
// checks do not change, a cap's list only changes when the new seat is on it, and membership
// standing does not change with a seat; so what is new is the new seat's own check, which needs
// the holder's standing alone. A capped seat, or a holder whose id the book repeats, takes the
// full comparison.
std::vector<Violation> seat_add_violations(Book& book, const Catalog& catalog, Date on, Committee c) {
    std::vector<Seat>& seats = book.committees.of(c);
    if (!seat_is_current(seats.back(), on)) return {};  // ends before the day it is judged on
    const Seat& added = seats.back();
    const Organisation* org = nullptr;
    bool repeated = false;
    for (const Organisation& o : book.organisations) {
        if (o.id != added.org) continue;
        repeated = org != nullptr;
        if (repeated) break;
        org = &o;
    }
    const Tier* tier = org && org->tier ? catalog.find_tier(*org->tier) : nullptr;
    const bool capped = org && ((c == Committee::EC && is_commercial(*org, catalog)) ||
                                (c == Committee::TRC && tier && tier->rights.trc == TrcMode::Nominate));
    if (repeated || capped) {
        Seat seat = seats.back();
        seats.pop_back();
        SeatCheck check{book, catalog, on};
        seats.push_back(std::move(seat));
        return new_violations(check.before, check.now());
    }
    // The new seat's own check: a book of its holder and that seat, with the holder's standing.
    Book alone;
    GovernanceContext context;
    if (org) {
        alone.organisations.push_back(*org);
        const MembershipStatus status = membership_status_alone(*org, book, catalog, on);
        if (org->tier && in_good_standing(status)) context.orgs_in_good_standing.insert(org->id);
        else if (org->tier) context.standing_of.emplace(org->id, to_string(status));
    }
    alone.committees.of(c).push_back(added);
    return check_governance(alone, catalog, on, context);
}

void governance_problems(const std::vector<Violation>& added, Problems& problems, const char* field) {
    for (const Violation& v : added) problems.push_back({std::string("/") + field, v.message + " [" + v.rule + "]"});
}

std::optional<Committee> read_committee(Fields& f) {
    std::optional<std::string> c = f.text("committee", true);
    if (!c) return std::nullopt;
    std::optional<Committee> committee = committee_from(*c);
    if (!committee) f.problem("committee", "must be \"ec\", \"oc\" or \"trc\"");
    return committee;
}

}  // namespace

ApplyResult seat_add(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                     const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<Committee> committee = read_committee(f);
    std::optional<std::string> org = f.text("org", true);
    std::optional<std::string> person = f.text("person", true);
    std::optional<Date> start = f.date("term_start", false);
    std::optional<Date> end = f.date("term_end", false);
    std::optional<std::string> id = f.text("id", false);
    f.reject_unknown();
    if (org && !find_org(book, *org, index)) f.problem("org", "no organisation '" + *org + "'");
    const Date term_start = start.value_or(ctx.today);
    if (end && *end < term_start) f.problem("term_end", "is before term_start " + term_start.iso());
    if (!problems.empty() || !committee) return rejected("seat.add", std::move(problems));

    std::vector<Seat>& seats = book.committees.of(*committee);
    // Seat ids are unique across the three committees, as the book reader requires.
    auto taken = [&](const std::string& x) {
        for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
            for (const Seat& s : book.committees.of(c))
                if (s.id == x) return true;
        return false;
    };
    if (id && taken(*id)) {
        f.problem("id", "'" + *id + "' is already a seat id");
        return rejected("seat.add", std::move(problems));
    }
    Seat seat;
    seat.id = id ? *id : unique_id(std::string(to_string(*committee)) + "-" + std::to_string(seats.size() + 1), taken);
    seat.org = *org;
    seat.person = *person;
    seat.term_start = term_start;
    seat.term_end = end;

    // Judged on the day the seat counts: today, or its first day when it starts later.
    seats.push_back(seat);  // tentatively; removed again when the change is refused
    std::vector<Violation> added = seat_add_violations(book, catalog, std::max(ctx.today, term_start), *committee);
    if (!added.empty()) {
        seats.pop_back();
        governance_problems(added, problems, "org");
        return rejected("seat.add", std::move(problems));
    }
    return applied("Added seat " + seat.id + " on " + to_string(*committee) + ": " + seat.person + " for " + seat.org +
                   " from " + seat.term_start.iso() + (seat.term_end ? " to " + seat.term_end->iso() : ""));
}

ApplyResult seat_end(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                     const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<Committee> committee = read_committee(f);
    std::optional<std::string> seat_id = f.text("seat_id", true);
    std::optional<Date> end = f.date("term_end", false);
    f.reject_unknown();
    Seat* seat = nullptr;
    if (committee && seat_id) {
        for (Seat& s : book.committees.of(*committee))
            if (s.id == *seat_id) seat = &s;
        if (!seat) f.problem("seat_id", "no seat '" + *seat_id + "' on " + to_string(*committee));
    }
    const Date term_end = end.value_or(ctx.today);
    if (seat && term_end < seat->term_start)
        f.problem(end ? "term_end" : "seat_id", "term_end " + term_end.iso() + " is before term_start " + seat->term_start.iso());
    else if (seat && seat->term_end && *seat->term_end < ctx.today)
        f.problem("seat_id", "seat " + seat->id + " already ended on " + seat->term_end->iso());
    if (!problems.empty()) return rejected("seat.end", std::move(problems));

    // No governance check: judged on the first day without the seat, the change only removes a
    // current seat. Every other seat's own check is unchanged, and a cap's list loses at most that
    // seat, so the seats beyond the cap after are a subset of those before: ending a seat never
    // creates a violation (tests/core/test_seat_incremental.cpp checks this against the full
    // comparison on random books). That full check cost two passes over the whole book.
    seat->term_end = term_end;
    return applied("Ended seat " + seat->id + " on " + to_string(*committee) + " (" + seat->person + ", " + seat->org +
                   ") on " + term_end.iso());
}

}  // namespace portal::detail
