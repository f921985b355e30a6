// The book index kept with the book (book_index.hpp): after appends of every kind, after every
// action type, and after long random sequences of actions on random (sometimes broken) books, the
// kept index equals index_book of the resulting book, the book equals what the reducer makes
// without an index, and renewals and reports read the same with the kept index as without.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/invoices.hpp"
#include "core/json_io.hpp"
#include "core/reports.hpp"
#include "core/status.hpp"
#include "core/synthetic.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

const Catalog& bundled() {
    static const Catalog c = *read_catalog(bundled_catalog_text()).value;
    return c;
}

ActionContext ctx_on(Date day) { return {"tester", day.iso() + "T09:00:00Z", day}; }

std::vector<std::uint32_t> items(Chains::Range r) { return std::vector<std::uint32_t>(r.begin(), r.end()); }

// The index's answers worked out the slow way, independently of index_book: the first record with
// an id, every invoice (payment) grouped under the first organisation (invoice) with the id it
// names, in book order, and the payments summed.
template <class Record>
std::uint32_t first_with(const std::vector<Record>& records, const std::string& id) {
    for (std::size_t i = 0; i < records.size(); ++i)
        if (records[i].id == id) return static_cast<std::uint32_t>(i);
    return Chains::kNone;
}

bool matches_slow_answer(const BookIndex& ix, const Book& b) {
    if (ix.organisations() != b.organisations.size() || ix.invoices() != b.invoices.size() || ix.payments() != b.payments.size())
        return false;
    std::vector<std::vector<std::uint32_t>> by_org(b.organisations.size()), by_invoice(b.invoices.size());
    std::vector<std::int64_t> paid(b.invoices.size(), 0);
    for (std::size_t o = 0; o < b.organisations.size(); ++o) {
        const IdIndex::Entry* e = ix.org_by_id.find(b.organisations[o].id);
        if (!e || e->second != first_with(b.organisations, b.organisations[o].id)) return false;
    }
    for (std::size_t i = 0; i < b.invoices.size(); ++i) {
        const IdIndex::Entry* e = ix.invoice_by_id.find(b.invoices[i].id);
        if (!e || e->second != first_with(b.invoices, b.invoices[i].id)) return false;
        if (std::uint32_t o = first_with(b.organisations, b.invoices[i].org); o != Chains::kNone)
            by_org[o].push_back(static_cast<std::uint32_t>(i));
    }
    for (std::size_t k = 0; k < b.payments.size(); ++k) {
        if (ix.payment_facts[k] != std::make_pair(b.payments[k].date, b.payments[k].amount)) return false;
        if (std::uint32_t i = first_with(b.invoices, b.payments[k].invoice); i != Chains::kNone) {
            by_invoice[i].push_back(static_cast<std::uint32_t>(k));
            paid[i] += b.payments[k].amount;
        }
    }
    for (std::size_t o = 0; o < by_org.size(); ++o)
        if (items(ix.invoices_by_org[o]) != by_org[o]) return false;
    for (std::size_t i = 0; i < by_invoice.size(); ++i)
        if (items(ix.payments_by_invoice[i]) != by_invoice[i]) return false;
    for (const Prospect& p : b.prospects)
        if (!ix.prospect_by_id.count(p.id)) return false;
    return ix.paid_by_invoice == paid;
}

}  // namespace

TEST_CASE("chains keep each group in book order and append in place") {
    Chains c;
    for (int o = 0; o < 3; ++o) c.add_owner();
    for (int i = 0; i < 5; ++i) c.add_item();
    c.link(1, 0);
    c.link(2, 1);
    c.link(1, 3);
    CHECK(c[0].empty());
    CHECK(c[1] == std::vector<int>{0, 3});
    CHECK(c[2] == std::vector<int>{1});
    CHECK(c[1].size() == 2);
    CHECK(c.owner_of(3) == 1);
    CHECK(c.owner_of(2) == Chains::kNone);
    Chains d = c;
    CHECK(d == c);
    d.link(0, 4);
    CHECK_FALSE(d == c);
}

TEST_CASE("index_appended: appending records of every kind gives index_book's answer, orphans adopted") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01"), member("b", "full", "2020-01-01")};
    b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000), invoice("i2", "ghost", "2027-01-01", "2027-01-31", 500),
                  invoice("i3", "a", "2027-02-01", "2027-03-01", 700)};
    b.payments = {payment("p1", "i1", "2027-01-10", 300), payment("p2", "i9", "2027-01-20", 200),
                  payment("p3", "i2", "2027-01-21", 50)};
    BookIndex kept = index_book(b);
    CHECK(kept.orphan_invoices == std::vector<std::uint32_t>{1});
    CHECK(kept.orphan_payments == std::vector<std::uint32_t>{1});
    CHECK(kept.paid_by_invoice == std::vector<std::int64_t>{300, 50, 0});
    auto step = [&](const char* what) {
        INFO(what);
        index_appended(kept, b);
        CHECK(kept == index_book(b));
        CHECK(matches_slow_answer(kept, b));
    };

    b.organisations.push_back(member("ghost", "associate", "2021-01-01"));  // adopts i2
    step("an organisation some invoice already names");
    CHECK(items(kept.invoices_by_org[2]) == std::vector<std::uint32_t>{1});
    CHECK(kept.orphan_invoices.empty());

    b.invoices.push_back(invoice("i9", "ghost", "2027-03-01", "2027-03-31", 400));  // adopts p2
    b.invoices.push_back(invoice("i1", "b", "2027-03-01", "2027-03-31", 10));       // a repeated id: owns no payment
    step("invoices, one adopting a payment, one repeating an id");
    CHECK(kept.paid_by_invoice[3] == 200);
    CHECK(kept.paid_by_invoice[4] == 0);
    CHECK(items(kept.invoices_by_org[2]) == std::vector<std::uint32_t>{1, 3});
    CHECK(items(kept.invoices_by_org[1]) == std::vector<std::uint32_t>{4});

    b.organisations.push_back(member("a", "full", "2020-01-01"));  // repeated: the first keeps the invoices
    b.payments.push_back(payment("p4", "i1", "2027-03-05", 700));
    b.payments.push_back(payment("p5", "nowhere", "2027-03-05", 1));
    b.prospects.push_back(Prospect{});
    b.prospects.back().id = "prospect-x";
    step("a repeated organisation, payments, a prospect");
    CHECK(kept.paid_by_invoice[0] == 1000);
    CHECK(kept.invoices_by_org[3].empty());
    CHECK(kept.orphan_payments == std::vector<std::uint32_t>{4});
    CHECK(kept.prospect_by_id.count("prospect-x") == 1);

    b.invoices.pop_back();  // not an append: rebuilt
    step("a record removed");
    CHECK(kept.invoices() == 4);
}

TEST_CASE("the kept index after every kind of action equals a fresh index, and the book is the same") {
    const Catalog c = test_catalog();
    Book start;
    start.organisations = {member("org-a", "full", "2020-01-01"), member("org-b", "associate", "2021-05-01"),
                           member("org-c", nullptr, nullptr)};
    start.invoices = {invoice("inv-1", "org-a", "2027-01-01", "2027-01-31", 1000000, 2027),
                      invoice("inv-2", "org-b", "2027-01-01", "2027-01-31", 250000, 2027),
                      invoice("inv-3", "org-gone", "2026-01-01", "2026-01-31", 100)};
    start.invoices[2].state = InvoiceState::Draft;
    start.payments = {payment("pay-1", "inv-1", "2027-01-20", 1000000)};
    start.committees.ec = {Seat{"ec-1", "org-a", "Ann", d("2026-01-01"), std::nullopt, Json()}};

    const Json app = {{"schema", "portal-application/1"}, {"name", "New Archive"}, {"type", "library"}, {"country", "FR"},
                      {"usage", {{"conference_attendees", 1}, {"training_seats", 0}}}, {"interests", Json::array()},
                      {"tier", "associate"}, {"contact_name", "Bo"}, {"contact_email", "bo@example.org"}};
    const std::vector<Json> actions = {
        {{"type", "org.add"}, {"org", {{"name", "Gone Library"}, {"id", "org-gone"}, {"type", "library"}, {"country", "GB"}, {"tier", "full"}}}},
        {{"type", "org.add"}, {"org", {{"name", "Plain"}, {"type", "library"}, {"country", "GB"}}}},
        {{"type", "org.update"}, {"id", "org-c"}, {"set", {{"tier", "associate"}}}},
        {{"type", "org.cancel"}, {"id", "org-b"}, {"on", "2027-04-01"}},
        {{"type", "org.reinstate"}, {"id", "org-b"}},
        {{"type", "invoice.create"}, {"org", "org-c"}, {"lines", Json::array({{{"description", "Workshop"}, {"amount", 5000}}})}},
        {{"type", "invoice.create"}, {"org", "org-c"}, {"membership_year", 2027}, {"state", "sent"}},
        {{"type", "invoice.create"}, {"org", "org-a"}, {"membership_year", 2027}},  // refused: already invoiced
        {{"type", "invoice.send"}, {"invoice", "inv-3"}},
        {{"type", "invoice.void"}, {"invoice", "inv-2"}},
        {{"type", "payment.record"}, {"invoice", "inv-3"}, {"amount", 60}},
        {{"type", "payment.record"}, {"invoice", "inv-3"}, {"amount", 40}, {"date", "2027-03-02"}},
        {{"type", "renewal.run"}, {"year", 2028}},
        {{"type", "prospect.add"}, {"prospect", {{"name", "Far Museum"}, {"type", "library"}, {"country", "NL"}, {"expected_tier", "full"}}}},
        {{"type", "prospect.update"}, {"id", "prospect-far-museum"}, {"set", {{"probability", 0.4}}}},
        {{"type", "prospect.advance"}, {"id", "prospect-far-museum"}, {"stage", "contacted"}},
        {{"type", "prospect.advance"}, {"id", "prospect-far-museum"}, {"stage", "interested"}},
        {{"type", "prospect.advance"}, {"id", "prospect-far-museum"}, {"stage", "applied"}},
        {{"type", "prospect.advance"}, {"id", "prospect-far-museum"}, {"stage", "joined"}},
        {{"type", "seat.add"}, {"committee", "oc"}, {"org", "org-a"}, {"person", "Cy"}},
        {{"type", "seat.end"}, {"committee", "ec"}, {"seat_id", "ec-1"}},
        {{"type", "reminder.record"}, {"invoice", "inv-3"}, {"stage", "first"}},
        {{"type", "prospect.intake"}, {"application", app}},
        {{"type", "org.delete"}},  // refused: unknown type
        Json::array({{{"type", "org.update"}, {"id", "org-a"}, {"set", {{"notes", "batch"}}}},
                     {{"type", "invoice.create"}, {"org", "org-a"}, {"lines", Json::array({{{"description", "x"}, {"amount", 1}}})}}}),
        Json::array({{{"type", "invoice.create"}, {"org", "org-a"}, {"lines", Json::array({{{"description", "y"}, {"amount", 2}}})}},
                     {{"type", "org.update"}, {"id", "nobody"}, {"set", {{"notes", "x"}}}}}),  // refused whole
    };
    Book plain = start, kept_book = start;
    BookIndex kept = index_book(kept_book);
    const ActionContext ctx = ctx_on(d("2027-03-01"));
    int accepted = 0;
    for (const Json& a : actions) {
        INFO(a.dump());
        const bool batch = a.is_array();
        ApplyResult without = batch ? apply_actions(plain, c, a, ctx) : apply_action(plain, c, a, ctx);
        ApplyResult with = batch ? apply_actions_indexed(kept_book, kept, c, a, ctx) : apply_action_indexed(kept_book, kept, c, a, ctx);
        CHECK(with.ok == without.ok);
        CHECK(with.error == without.error);
        CHECK(with.summary == without.summary);
        CHECK(write_book(kept_book) == write_book(plain));
        CHECK(kept == index_book(kept_book));
        CHECK(matches_slow_answer(kept, kept_book));
        accepted += with.ok;
    }
    CHECK(accepted == static_cast<int>(actions.size()) - 3);
    // The adopted orphan: org-gone, added after its invoice, now owns it.
    const IdIndex::Entry* gone = kept.org_by_id.find("org-gone");
    REQUIRE(gone);
    CHECK(items(kept.invoices_by_org[gone->second]).front() == 2);
}

namespace {

// A random action on `b`: every type, valid or not (unknown ids, wrong stages, repeated years).
Json random_action(const Book& b, SyntheticRng& rng, int step) {
    auto org_id = [&]() -> std::string {
        if (b.organisations.empty() || rng.chance(80)) return rng.chance(500) ? "org-ghost" : "org-nobody";
        return rng.pick(b.organisations).id;
    };
    auto invoice_key = [&]() -> std::string {
        if (b.invoices.empty() || rng.chance(50)) return "inv-nobody";
        const Invoice& inv = rng.pick(b.invoices);
        return rng.chance(200) ? inv.number : inv.id;
    };
    auto prospect_id = [&]() -> std::string {
        if (b.prospects.empty() || rng.chance(80)) return "prospect-nobody";
        return rng.pick(b.prospects).id;
    };
    const char* tiers[] = {"full", "associate"};
    const char* stages[] = {"identified", "contacted", "interested", "applied", "joined", "declined"};
    const char* committees[] = {"ec", "oc", "trc"};
    const std::string n = std::to_string(step);
    switch (rng.below(17)) {
        case 0: {
            Json org = {{"name", "Random Org " + std::to_string(rng.below(40))}, {"type", "library"}, {"country", "GB"}};
            if (rng.chance(500)) org["tier"] = tiers[rng.below(2)];
            if (rng.chance(200)) org["id"] = rng.chance(500) ? std::string("org-ghost") : org_id();
            return {{"type", "org.add"}, {"org", org}};
        }
        case 1: return {{"type", "org.update"}, {"id", org_id()}, {"set", {{"notes", n}}}};
        case 2: return {{"type", "org.update"}, {"id", org_id()}, {"set", {{"tier", rng.chance(300) ? Json() : Json(tiers[rng.below(2)])}}}};
        case 3: return {{"type", "org.cancel"}, {"id", org_id()}};
        case 4: return {{"type", "org.reinstate"}, {"id", org_id()}};
        case 5:
            if (rng.chance(500)) return {{"type", "invoice.create"}, {"org", org_id()}, {"membership_year", rng.between(2025, 2028)}, {"state", "sent"}};
            return {{"type", "invoice.create"}, {"org", org_id()}, {"state", rng.chance(500) ? "sent" : "draft"},
                    {"lines", Json::array({{{"description", "Item " + n}, {"amount", rng.between(0, 50000)}}})}};
        case 6: return {{"type", "invoice.send"}, {"invoice", invoice_key()}};
        case 7: return {{"type", "invoice.void"}, {"invoice", invoice_key()}};
        case 8:
        case 9: return {{"type", "payment.record"}, {"invoice", invoice_key()}, {"amount", rng.between(1, 800000)}};
        case 10: return {{"type", "renewal.run"}, {"year", rng.between(2026, 2029)}};
        case 11:
            return {{"type", "prospect.add"},
                    {"prospect", {{"name", "Random Prospect " + std::to_string(rng.below(30))}, {"type", "museum"}, {"country", "NL"},
                                  {"expected_tier", tiers[rng.below(2)]}}}};
        case 12: return {{"type", "prospect.update"}, {"id", prospect_id()}, {"set", {{"notes", n}}}};
        case 13: return {{"type", "prospect.advance"}, {"id", prospect_id()}, {"stage", stages[rng.below(6)]}};
        case 14: return {{"type", "seat.add"}, {"committee", committees[rng.below(3)]}, {"org", org_id()}, {"person", "P" + n}};
        case 15: return {{"type", "reminder.record"}, {"invoice", invoice_key()}, {"stage", rng.chance(500) ? "first" : "renewal"}};
        default:
            return {{"type", "prospect.intake"},
                    {"application", {{"schema", "portal-application/1"}, {"name", "Applicant " + std::to_string(rng.below(30))},
                                     {"type", "library"}, {"country", "FR"}, {"tier", "associate"}}}};
    }
}

Book random_book(int round) {
    SyntheticOptions opt;
    opt.organisations = 30 + round % 4 * 10;
    opt.years = 3;
    opt.seed = 4100 + static_cast<std::uint64_t>(round);
    opt.unpaid_per_mille = 100;
    Book book = generate_book(bundled(), opt);
    SyntheticRng rng(static_cast<std::uint64_t>(round) + 77);
    // Broken imports: a repeated organisation, an invoice naming no organisation (org-ghost, which
    // the actions may add later) and a payment naming no invoice.
    if (round % 3 == 1) book.organisations.push_back(rng.pick(book.organisations));
    if (round % 2 == 1) {
        Invoice orphan = rng.pick(book.invoices);
        orphan.id = "inv-orphan-" + std::to_string(round);
        orphan.org = "org-ghost";
        book.invoices.insert(book.invoices.begin() + static_cast<std::ptrdiff_t>(rng.below(static_cast<std::int64_t>(book.invoices.size()))), orphan);
        Payment lost = book.payments.empty() ? Payment{} : rng.pick(book.payments);
        lost.invoice = "inv-nowhere";
        book.payments.push_back(lost);
    }
    if (round % 4 == 2) book.invoices.push_back(rng.pick(book.invoices));  // a repeated invoice id
    return book;
}

}  // namespace

TEST_CASE("property: after thousands of random actions the kept index equals a fresh one") {
    const Catalog& c = bundled();
    int steps = 0, accepted = 0, mismatches = 0;
    for (int round = 0; round < 12 && mismatches == 0; ++round) {
        Book book = random_book(round), plain = book;
        BookIndex kept = index_book(book);
        SyntheticRng rng(static_cast<std::uint64_t>(round) * 7919 + 3);
        Date today = Date::from_ymd(2026, 11, 22);
        for (int step = 0; step < 250; ++step, ++steps) {
            today = today.add_days(static_cast<int>(rng.below(4)));
            const ActionContext ctx = ctx_on(today);
            Json action = random_action(book, rng, step);
            if (rng.chance(80)) action = Json::array({action, random_action(book, rng, step + 1000)});
            const bool batch = action.is_array();
            ApplyResult with = batch ? apply_actions_indexed(book, kept, c, action, ctx) : apply_action_indexed(book, kept, c, action, ctx);
            ApplyResult without = batch ? apply_actions(plain, c, action, ctx) : apply_action(plain, c, action, ctx);
            accepted += with.ok;
            const bool same_result = with.ok == without.ok && with.summary == without.summary && with.error == without.error;
            if (!same_result || !(kept == index_book(book)) || (step % 25 == 0 && write_book(book) != write_book(plain))) {
                ++mismatches;
                FAIL_CHECK("round " << round << " step " << step << ": " << action.dump() << " -> " << with.error << with.summary);
                break;
            }
        }
        CHECK(write_book(book) == write_book(plain));
        CHECK(matches_slow_answer(kept, book));
    }
    CHECK(mismatches == 0);
    CHECK(steps >= 3000);
    CHECK(accepted > steps / 4);  // the sequences really change the books
}

TEST_CASE("renewal plan and report: the same with the kept index as without") {
    const Catalog& c = bundled();
    for (int round = 0; round < 6; ++round) {
        INFO("round " << round);
        Book book = random_book(round);
        BookIndex kept = index_book(book);
        const Date on = Date::from_ymd(2027, 12, 1);
        CHECK(renewal_plan_to_json(plan_renewal(book, c, 2028, on, kept)) == renewal_plan_to_json(plan_renewal(book, c, 2028, on)));
        REQUIRE(apply_action_indexed(book, kept, c, Json{{"type", "renewal.run"}, {"year", 2028}}, ctx_on(on)).ok);
        CHECK(kept == index_book(book));
        for (int year : {2026, 2027, 2028})
            CHECK(report_to_json(build_report(book, c, year, on, kept)) == report_to_json(build_report(book, c, year, on)));
    }
}
