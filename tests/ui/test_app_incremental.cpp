// After a book action the model recomputes only what that action can change
// (refresh_after_action in src/ui/app_derived.cpp), and the values only some screens show when
// they are shown (prepare_screen, refresh_stale). Whatever the sequence of actions, sorts and
// filters, the result must equal a from-scratch refresh of the same book, and the book index the
// reducer keeps (apply_action_indexed) must equal index_book of the book.
#include <doctest/doctest.h>

#include <random>

#include "../core/book_builders.hpp"
#include "core/book_index.hpp"
#include "core/governance.hpp"
#include "core/reports.hpp"
#include "core/synthetic.hpp"
#include "ui/app_internal.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

ui::AppModel staff_model(int organisations, std::uint64_t seed) {
    ui::AppModel m;
    m.catalog = test_catalog();
    m.rates.base = "USD";
    m.settings.today = "2026-11-22";
    m.now_iso = "2026-11-22T10:00:00Z";
    SyntheticOptions options;
    options.organisations = organisations;
    options.seed = seed;
    m.book = generate_book(m.catalog, options);
    ui::refresh_all(m);
    ui::update(m, {{"type", "ui.staff"}, {"on", true}});
    return m;
}

Json reminders_json(const ReminderPlan& p) {
    Json out = Json::array();
    for (const ReminderDraft& d : p.drafts) out.push_back({d.invoice, d.stage, d.amount_due, d.subject});
    out.push_back(p.skipped.size());
    return out;
}

// The same book and filter, every derived value computed from scratch.
void check_equals_fresh(ui::AppModel& m) {
    ui::AppModel fresh = m;
    fresh.org_status.clear();
    fresh.search_keys.clear();
    fresh.sorted.clear();
    fresh.filtered.clear();
    fresh.filtered_current = false;
    ui::refresh_book(fresh);
    ui::refresh_stale(fresh);
    ui::refresh_stale(m);
    REQUIRE(m.index == fresh.index);
    REQUIRE(m.org_status == fresh.org_status);
    REQUIRE(m.search_keys == fresh.search_keys);
    REQUIRE(m.name_rank == fresh.name_rank);
    REQUIRE(m.by_name == fresh.by_name);
    REQUIRE(m.sorted == fresh.sorted);
    REQUIRE(m.filtered == fresh.filtered);
    CHECK(report_to_json(m.report) == report_to_json(fresh.report));
    CHECK(violations_to_json(m.violations) == violations_to_json(fresh.violations));
    CHECK(reminders_json(m.reminders) == reminders_json(fresh.reminders));
    CHECK(ui::state_json(m)["wizard"] == ui::state_json(fresh)["wizard"]);
}

struct Actions {
    std::mt19937 rng;
    explicit Actions(unsigned seed) : rng(seed) {}
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
    template <class T> const T& one(const std::vector<T>& v) { return v[std::size_t(pick(int(v.size())))]; }

    Json next(const ui::AppModel& m) {
        const Book& b = m.book;
        const std::string org = one(b.organisations).id;
        // Staff may type an invoice's number instead of its id (the reducer accepts both).
        const Invoice* picked = b.invoices.empty() ? nullptr : &one(b.invoices);
        const std::string inv = !picked ? "none" : pick(4) ? picked->id : picked->number;
        static const std::vector<std::string> names = {"Aardvark Library", "Zebra Archive", "Middle Museum", "", "museo"};
        static const std::vector<std::string> tiers = {"full", "associate"};
        switch (pick(14)) {
            case 0: case 1: {  // the common edit: a rename, sometimes to a name that exists
                std::string name = one(names);
                if (name.empty()) name = one(b.organisations).name;
                return {{"type", "org.update"}, {"id", org}, {"set", {{"name", name + " " + std::to_string(pick(3))}}}};
            }
            case 2: return {{"type", "org.update"}, {"id", org}, {"set", {{"tier", pick(3) ? Json(one(tiers)) : Json()}}}};
            case 3: return {{"type", "org.update"}, {"id", org}, {"set", {{"country", pick(2) ? "FR" : "DE"}, {"type", "university"}}}};
            case 4: return {{"type", "org.cancel"}, {"id", org}};
            case 5: return {{"type", "org.reinstate"}, {"id", org}};
            case 6: return {{"type", "org.add"}, {"org", {{"name", one(names) + "x"}, {"type", "library"}, {"country", "NL"}}}};
            case 7: return {{"type", "invoice.create"}, {"org", org}, {"state", pick(2) ? "sent" : "draft"},
                            {"lines", Json::array({{{"description", "Workshop"}, {"amount", 1000 + pick(5000)}}})}};
            case 8: {
                // Half the time an unpaid membership invoice paid in full, so that a payment
                // changes its organisation's status (a random one rarely does).
                std::vector<const Invoice*> unpaid;
                for (const Invoice& i : b.invoices)
                    if (i.membership_year && invoice_outstanding(i, m.index, today(m)) > 0) unpaid.push_back(&i);
                if (!unpaid.empty() && pick(2)) {
                    const Invoice& i = *one(unpaid);
                    return {{"type", "payment.record"}, {"invoice", pick(4) ? i.id : i.number},
                            {"amount", invoice_outstanding(i, m.index, today(m))}, {"date", "2026-11-22"}};
                }
                return {{"type", "payment.record"}, {"invoice", inv}, {"amount", 500 + pick(400000)}, {"date", "2026-11-2" + std::to_string(pick(3))}};
            }
            case 9: return {{"type", pick(2) ? "invoice.send" : "invoice.void"}, {"invoice", inv}};
            case 10: return {{"type", "seat.add"}, {"committee", pick(2) ? "ec" : "trc"}, {"org", org}, {"person", "P " + std::to_string(pick(100))}};
            case 11: {
                const auto& seats = b.committees.of(Committee::EC);
                if (seats.empty()) return {{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "none"}};
                return {{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", one(seats).id}};
            }
            case 12: {
                static const std::vector<std::string> stages = {"renewal", "first", "second", "final"};
                return {{"type", "reminder.record"}, {"invoice", inv}, {"stage", one(stages)}};
            }
            default: return {{"type", "prospect.add"}, {"prospect", {{"name", "New prospect"}}}};  // a full refresh
        }
    }
};

}  // namespace

TEST_CASE("incremental derived values equal a full refresh after random actions, sorts and filters") {
    for (unsigned seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        ui::AppModel m = staff_model(300, seed);
        Actions gen(seed);
        int applied = 0;
        for (int step = 0; step < 120; ++step) {
            CAPTURE(step);
            if (step % 10 == 0) {  // the table's sort and filter change too
                ui::update(m, {{"type", "filter.sort"}, {"column", gen.pick(6)}, {"descending", gen.pick(2) == 1}});
                static const std::vector<std::string> texts = {"", "a", "library", "org-1"};
                static const std::vector<std::string> statuses = {"", "current", "lapsed", "prospect"};
                ui::update(m, {{"type", "filter.set"}, {"field", "text"}, {"value", gen.one(texts)}});
                ui::update(m, {{"type", "filter.set"}, {"field", "status"}, {"value", gen.one(statuses)}});
            }
            const Json action = gen.next(m);
            CAPTURE(action.dump());
            ui::update(m, action);
            applied += m.last.ok;
            // The kept index, after every step (rejected actions must leave it untouched too).
            REQUIRE(m.index == index_book(m.book));
            // Screens drawn in between see their values current; the rest stays stale until shown.
            if (step % 7 == 0) {
                m.screen = gen.pick(2) ? ui::Screen::Dashboard : ui::Screen::Committees;
                ui::prepare_screen(m);
                CHECK_FALSE(m.stale.violations);
            }
            if (step % 3 == 0) check_equals_fresh(m);
        }
        check_equals_fresh(m);
        CHECK(applied > 60);  // most actions went through, so the incremental paths ran
    }
}

TEST_CASE("values only some screens show are recomputed when shown, not after every action") {
    ui::AppModel m = staff_model(200, 9);
    m.screen = ui::Screen::Orgs;
    const Organisation& o = m.book.organisations[5];
    ui::update(m, {{"type", "org.update"}, {"id", o.id}, {"set", {{"name", "Renamed"}}}});
    REQUIRE(m.last.ok);
    CHECK(m.stale.report);
    CHECK(m.stale.violations);
    ui::prepare_screen(m);  // the organisations table needs neither
    CHECK(m.stale.report);
    m.screen = ui::Screen::Reports;
    ui::prepare_screen(m);
    CHECK_FALSE(m.stale.report);
    CHECK(m.stale.violations);
    check_equals_fresh(m);
}
