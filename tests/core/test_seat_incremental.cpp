// Shortcuts against the full paths they stand in for, on random books: every seat.add and
// seat.end (actions_seats.cpp) is accepted or refused exactly as a full governance check before
// and after the change decides, with the same problems; the one-organisation membership status
// equals the indexed one; and GovernanceContext's flags by position answer as its id sets.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "core/actions.hpp"
#include "core/eligibility.hpp"
#include "core/governance.hpp"
#include "core/json_io.hpp"
#include "core/status.hpp"
#include "core/synthetic.hpp"

using namespace portal;

namespace {

const Catalog& bundled() {
    static const Catalog c = *read_catalog(bundled_catalog_text()).value;
    return c;
}

// The reference: one context for the book before, a full check before and after with it, and the
// violations of after that before lacks (as a multiset), in after's order.
std::vector<Violation> full_new_violations(const Book& before, const Book& after, const Catalog& c, Date on) {
    using Key = std::tuple<std::string, int, std::string, std::string>;
    const GovernanceContext ctx = context_from_book(before, c, on);
    std::vector<Key> old;
    for (const Violation& v : check_governance(before, c, on, ctx)) old.emplace_back(v.rule, static_cast<int>(v.committee), v.org, v.seat_id);
    std::sort(old.begin(), old.end());
    std::vector<Violation> out;
    for (const Violation& v : check_governance(after, c, on, ctx)) {
        Key k{v.rule, static_cast<int>(v.committee), v.org, v.seat_id};
        auto it = std::lower_bound(old.begin(), old.end(), k);
        if (it != old.end() && *it == k) old.erase(it);
        else out.push_back(v);
    }
    return out;
}

Book random_book(int round) {
    SyntheticOptions opt;
    opt.organisations = 60;
    opt.seed = 900 + static_cast<std::uint64_t>(round);
    opt.unpaid_per_mille = 150;  // lapsed members: standing refusals
    Book book = generate_book(bundled(), opt);
    SyntheticRng rng(static_cast<std::uint64_t>(round) + 5);
    if (round % 3 == 1) {  // a repeated id (a broken import): the shortcut must step aside
        Organisation copy = book.organisations[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(book.organisations.size())))];
        copy.tier = rng.chance(500) ? std::optional<std::string>("associate") : std::nullopt;
        book.organisations.push_back(copy);
    }
    return book;
}

}  // namespace

TEST_CASE("seat changes: the shortcut decides exactly as the full governance comparison") {
    const Catalog& c = bundled();
    const Committee committees[] = {Committee::EC, Committee::OC, Committee::TRC};
    int accepted = 0, refused = 0, ended = 0;
    for (int round = 0; round < 12; ++round) {
        Book book = random_book(round);
        SyntheticRng rng(static_cast<std::uint64_t>(round) * 31 + 1);
        const Date base = Date::from_ymd(2026, 11, 22);
        for (int step = 0; step < 60; ++step) {
            const Date today = base.add_days(static_cast<int>(rng.between(-30, 60)));
            const ActionContext ctx{"test", today.iso() + "T09:00:00Z", today};
            const Committee com = committees[rng.below(3)];
            std::vector<Seat>& seats = book.committees.of(com);
            const std::string where = "round " + std::to_string(round) + " step " + std::to_string(step) + ": ";
            Book after = book;
            std::vector<Seat>& after_seats = after.committees.of(com);
            Json action;
            Date on;
            std::vector<std::size_t> open;  // seats seat.end accepts
            for (std::size_t i = 0; i < seats.size(); ++i)
                if (!seats[i].term_end || *seats[i].term_end >= today) open.push_back(i);
            if (open.empty() || rng.chance(650)) {
                const Organisation& o = book.organisations[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(book.organisations.size())))];
                Seat s;
                s.id = "t-" + std::to_string(round) + "-" + std::to_string(step);
                s.org = o.id;
                s.person = "P";
                s.term_start = today.add_days(static_cast<int>(rng.between(-400, 40)));
                action = Json{{"type", "seat.add"}, {"committee", to_string(com)}, {"org", s.org}, {"person", "P"},
                              {"term_start", s.term_start.iso()}, {"id", s.id}};
                if (rng.chance(300)) {
                    s.term_end = s.term_start.add_days(static_cast<int>(rng.between(0, 500)));
                    action["term_end"] = s.term_end->iso();
                }
                on = std::max(today, s.term_start);
                after_seats.push_back(s);
            } else {
                const Seat& s = seats[open[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(open.size())))]];
                const Date end = std::max(s.term_start, today.add_days(static_cast<int>(rng.between(0, 90))));
                action = Json{{"type", "seat.end"}, {"committee", to_string(com)}, {"seat_id", s.id}, {"term_end", end.iso()}};
                Seat* last = nullptr;  // the action ends the last seat with the id
                for (Seat& x : after_seats)
                    if (x.id == s.id) last = &x;
                last->term_end = end;
                on = std::max(today, end.add_days(1));
                ++ended;
            }
            const std::vector<Violation> expected = full_new_violations(book, after, c, on);
            Book work = book;
            const ApplyResult r = apply_action(work, c, action, ctx);
            INFO(where << action.dump() << " -> " << r.error);
            REQUIRE(r.ok == expected.empty());
            if (r.ok) {
                ++accepted;
                CHECK(work.committees.of(com).size() == after_seats.size());
                book = std::move(work);
                continue;
            }
            ++refused;
            REQUIRE(r.problems.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                CHECK(r.problems[i].pointer == "/org");
                CHECK(r.problems[i].message == expected[i].message + " [" + expected[i].rule + "]");
            }
            CHECK(work.committees.of(com).size() == seats.size());  // nothing half-changed
        }
    }
    // The generator really exercised both outcomes and both actions.
    CHECK(accepted > 100);
    CHECK(refused > 40);
    CHECK(ended > 50);
}

TEST_CASE("membership_status_alone equals membership_status with the index") {
    const Catalog& c = bundled();
    for (int round = 0; round < 9; ++round) {
        Book book = random_book(round);
        if (round % 3 == 2 && book.invoices.size() > 2) {  // an invoice id repeated: its payments go to the first
            book.invoices.back().id = book.invoices.front().id;
            book.invoices[1].org = book.invoices.front().org;
        }
        const BookIndex index = index_book(book);
        for (int k = -400; k <= 400; k += 200) {
            const Date on = Date::from_ymd(2026, 11, 22).add_days(k);
            for (const Organisation& o : book.organisations) {
                INFO("round " << round << " on " << on.iso() << " org " << o.id);
                CHECK(membership_status_alone(o, book, c, on) == membership_status(o, book, index, c, on));
            }
            Organisation stranger = book.organisations.front();
            stranger.id = "not-in-the-book";
            CHECK(membership_status_alone(stranger, book, c, on) == membership_status(stranger, book, index, c, on));
        }
    }
}

TEST_CASE("subject_from_org: the context's flags by position answer as its id sets") {
    const Catalog& c = bundled();
    int by_position = 0, not_good = 0, holders = 0;
    for (int round = 0; round < 9; ++round) {
        const Book book = random_book(round);
        const Date on = Date::from_ymd(2026, 11, 22).add_days(round * 40 - 160);
        const GovernanceContext ctx = context_from_book(book, c, on);
        for (const Organisation& o : book.organisations) {
            const Organisation copy = o;  // not the book's record: answered from the id sets
            const Subject fast = subject_from_org(o, c, ctx), slow = subject_from_org(copy, c, ctx);
            INFO("round " << round << " org " << o.id);
            by_position += ctx.position_of(o) >= 0;
            CHECK(ctx.position_of(copy) < 0);
            CHECK(fast.in_good_standing == slow.in_good_standing);
            CHECK(fast.standing == slow.standing);
            CHECK(fast.holds_ec_seat == slow.holds_ec_seat);
            CHECK(fast.holds_trc_seat == slow.holds_trc_seat);
            not_good += !fast.in_good_standing;
            holders += fast.holds_ec_seat || fast.holds_trc_seat;
        }
    }
    CHECK(by_position > 300);  // the books without a repeated id
    CHECK(not_good > 10);
    CHECK(holders > 10);
}
