// Property: whatever sequence of actions (valid or not) is applied to whatever book, the book the
// tool would write is accepted by its own reader and reads back as the same book. Thousands of
// random actions over random synthetic books, with values chosen near every limit.
#include <doctest/doctest.h>

#include "core/actions.hpp"
#include "core/json_io.hpp"
#include "core/synthetic.hpp"

using namespace portal;

namespace {

const Catalog& bundled() {
    static const Catalog c = *read_catalog(bundled_catalog_text()).value;
    return c;
}

// Values that sit on, or just past, the documented limits, and hostile text.
struct Pools {
    std::vector<Json> text{"Acme", "  ", "", "Caf\xC3\xA9", "Cafe\xCC\x81", "Evil\xE2\x80\xAE", "a\r\nb", "x\ty", "A/B", "A_B",
                           std::string(300, 'n')};
    std::vector<Json> emails{"a@b.org", "a@b.org\r\nBcc: c@d.org", "no-at", "", "a@@b"};
    std::vector<Json> dates{"2027-01-15", "2026-12-31", "1900-01-01", "9999-12-31", "9999-12-01", "0000-01-01",
                            "2027-02-30", "2027-13-01", 20270101};
    std::vector<Json> amounts{1, 0, -1, 100000, kMaxAmount, kMaxAmount + 1, INT64_MAX, 1.5, "100"};
    std::vector<Json> countries{"GB", "DE", "ZZ", "gb", "", "XK"};
};

class ActionMaker {
public:
    ActionMaker(SyntheticRng& rng, const Book& book) : rng_(rng), book_(book) {}

    Json next() {
        switch (rng_.below(12)) {
            case 0: return {{"type", "org.add"}, {"org", org_body(true)}};
            case 1: return {{"type", "org.update"}, {"id", org_id()}, {"set", org_body(false)}};
            case 2: return {{"type", "org.cancel"}, {"id", org_id()}, {"on", pick(p_.dates)}};
            case 3: return {{"type", "org.reinstate"}, {"id", org_id()}};
            case 4: {
                Json a = {{"type", "invoice.create"}, {"org", org_id()}, {"issued", pick(p_.dates)}};
                if (rng_.chance(700)) a["lines"] = {{{"description", pick(p_.text)}, {"amount", pick(p_.amounts)}}};
                else a["membership_year"] = rng_.between(2020, 2030);
                if (rng_.chance(300)) a["state"] = "sent";
                return a;
            }
            case 5: return {{"type", "invoice.send"}, {"invoice", invoice_id()}};
            case 6: return {{"type", "invoice.void"}, {"invoice", invoice_id()}};
            case 7: return {{"type", "payment.record"}, {"invoice", invoice_id()}, {"amount", pick(p_.amounts)}, {"date", pick(p_.dates)}};
            case 8: return {{"type", "renewal.run"}, {"year", rng_.between(2025, 2030)}, {"on", pick(p_.dates)}};
            case 9: {
                Json a = {{"type", "seat.add"}, {"committee", rng_.chance(500) ? "oc" : "trc"}, {"org", org_id()},
                          {"person", pick(p_.text)}, {"term_start", pick(p_.dates)}};
                if (rng_.chance(500)) a["id"] = "seat-" + std::to_string(rng_.below(4));
                return a;
            }
            case 10: return {{"type", "prospect.add"}, {"prospect", {{"name", pick(p_.text)}, {"type", "library"}, {"country", pick(p_.countries)}}}};
            default: {  // a batch of two, sometimes clashing with each other
                Json id = "dup-" + std::to_string(rng_.below(3));
                return Json::array({{{"type", "org.add"}, {"org", {{"id", id}, {"name", "Twin"}, {"type", "library"}, {"country", "GB"}}}},
                                    {{"type", "org.add"}, {"org", {{"id", id}, {"name", "Twin"}, {"type", "library"}, {"country", "GB"}}}}});
            }
        }
    }

private:
    Json pick(const std::vector<Json>& v) { return v[static_cast<std::size_t>(rng_.below(static_cast<std::int64_t>(v.size())))]; }
    Json org_id() {
        if (book_.organisations.empty() || rng_.chance(100)) return "nope";
        return book_.organisations[static_cast<std::size_t>(rng_.below(static_cast<std::int64_t>(book_.organisations.size())))].id;
    }
    Json invoice_id() {
        if (book_.invoices.empty() || rng_.chance(100)) return "nope";
        const Invoice& inv = book_.invoices[static_cast<std::size_t>(rng_.below(static_cast<std::int64_t>(book_.invoices.size())))];
        return rng_.chance(300) ? inv.number : inv.id;
    }
    Json org_body(bool adding) {
        Json o = Json::object();
        if (adding || rng_.chance(500)) o["name"] = pick(p_.text);
        if (adding || rng_.chance(300)) o["type"] = rng_.chance(950) ? "library" : "spaceship";
        if (adding || rng_.chance(300)) o["country"] = pick(p_.countries);
        if (rng_.chance(300)) o["tier"] = rng_.chance(500) ? Json("associate") : Json(nullptr);
        if (rng_.chance(300)) o["member_since"] = pick(p_.dates);
        if (rng_.chance(300)) o["contacts"] = {{{"name", pick(p_.text)}, {"email", pick(p_.emails)}}};
        if (rng_.chance(200)) o["notes"] = pick(p_.text);
        if (o.empty()) o["listed"] = true;
        return o;
    }

    SyntheticRng& rng_;
    const Book& book_;
    Pools p_;
};

}  // namespace

TEST_CASE("property: after any action sequence, the written book reads back as the same book") {
    const Catalog& c = bundled();
    int applied = 0, refused = 0;
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        SyntheticOptions opt;
        opt.organisations = 6 + static_cast<int>(seed % 5);
        opt.years = 2;
        opt.seed = seed;
        opt.today = Date::from_ymd(2027, 3, 1);
        Book book = generate_book(c, opt);
        SyntheticRng rng(seed * 7919);
        const bool indexed = seed % 2 == 0;  // both reducer paths
        BookIndex index = index_book(book);
        for (int step = 0; step < 250; ++step) {
            ActionMaker maker(rng, book);
            const Json action = maker.next();
            const std::string before = write_book(book);
            const ActionContext ctx{"prop", "2027-03-01T10:00:00Z", Date::from_ymd(2027, 3, 1)};
            ApplyResult r = action.is_array() ? (indexed ? apply_actions_indexed(book, index, c, action, ctx)
                                                         : apply_actions(book, c, action, ctx))
                                              : (indexed ? apply_action_indexed(book, index, c, action, ctx)
                                                         : apply_action(book, c, action, ctx));
            const std::string after = write_book(book);
            if (!r.ok) {
                ++refused;
                INFO("refused action changed the book: " << action.dump());
                CHECK(after == before);
                continue;
            }
            ++applied;
            Read<Book> again = read_book(after, c);
            INFO("seed " << seed << " step " << step << " action " << action.dump());
            if (!again.ok()) INFO("first problem: " << again.problems[0].pointer << ": " << again.problems[0].message);
            REQUIRE(again.ok());
            CHECK(write_book(*again.value) == after);
            if (indexed) CHECK(index == index_book(book));
        }
    }
    MESSAGE("applied " << applied << ", refused " << refused);
    CHECK(applied > 300);
    CHECK(refused > 300);
}
