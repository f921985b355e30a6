// The typed merge (merge_books) against the JSON-tree merge (three_way_merge) it replaced in the
// sync session: on random edits of a synthetic book both give the same book and the same
// conflicts, in the same order, undecided and decided.
#include <doctest/doctest.h>

#include <random>

#include "core/synthetic.hpp"
#include "fake_host.hpp"
#include "sync/merge.hpp"

using namespace portal;
using namespace portal::sync;
using namespace portal::sync_testing;

namespace {

struct Editor {
    std::mt19937 rng;
    int next_id = 0;

    int roll(int n) {
        int r = static_cast<int>(rng() % static_cast<unsigned>(n));
        return r;
    }

    // A few random edits, one RNG draw per statement (GCC and Clang order arguments differently).
    void edit(Book& b, const std::string& who) {
        int edits = 1 + roll(6);
        for (int e = 0; e < edits; ++e) {
            int what = roll(11);
            if (b.organisations.empty()) what = 3;
            std::size_t i = b.organisations.empty() ? 0 : static_cast<std::size_t>(roll(static_cast<int>(b.organisations.size())));
            // Few distinct values, so both sides often make the same change.
            std::string value = who == "mine" && roll(2) ? "M" : "V" + std::to_string(roll(2));
            switch (what) {
                case 0: b.organisations[i].name = "Org " + value; break;
                case 1: b.organisations[i].country = roll(2) ? "FR" : "DE"; break;
                case 2: b.organisations[i].notes = value; break;
                case 3: {
                    Organisation o;
                    o.id = who + "-org-" + std::to_string(next_id++);
                    o.name = "New " + o.id;
                    o.type = "library";
                    o.country = "NL";
                    b.organisations.push_back(o);
                    break;
                }
                case 4: {
                    // Delete an organisation with nothing pointing at it.
                    const std::string id = b.organisations[i].id;
                    bool used = false;
                    for (const auto& inv : b.invoices) used |= inv.org == id;
                    for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
                        for (const auto& s : b.committees.of(c)) used |= s.org == id;
                    if (!used) b.organisations.erase(b.organisations.begin() + static_cast<std::ptrdiff_t>(i));
                    break;
                }
                case 5: b.organisations[i].updated = "2027-0" + std::to_string(1 + roll(9)) + "-01T00:00:00Z"; break;
                case 6:
                    if (!b.invoices.empty()) {
                        auto& inv = b.invoices[static_cast<std::size_t>(roll(static_cast<int>(b.invoices.size())))];
                        if (!inv.lines.empty()) inv.lines[0].amount += 100 * (1 + roll(2));
                    }
                    break;
                case 7:
                    if (!b.payments.empty()) b.payments[static_cast<std::size_t>(roll(static_cast<int>(b.payments.size())))].method = value;
                    break;
                case 8:
                    if (!b.prospects.empty())
                        b.prospects[static_cast<std::size_t>(roll(static_cast<int>(b.prospects.size())))].stage =
                            roll(2) ? Stage::Contacted : Stage::Declined;
                    break;
                case 9: {
                    if (!b.extra.is_object()) b.extra = Json::object();
                    b.extra["x-" + std::to_string(roll(3))] = value;
                    break;
                }
                case 10: {
                    AuditEntry a;
                    a.seq = roll(5);
                    a.at = "2027-03-0" + std::to_string(1 + roll(3)) + "T00:00:00Z";
                    a.who = who;
                    a.summary = "edit " + value;
                    b.audit.push_back(a);
                    break;
                }
            }
        }
    }
};

std::vector<std::string> keys(const std::vector<Conflict>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.key() + " " + c.describe());
    return out;
}

void compare(const Book* base, const Book& mine, const Book& theirs, const Decisions& decisions) {
    Json jbase = base ? book_to_json(*base) : Json();
    MergeResult old = three_way_merge(jbase, book_to_json(mine), book_to_json(theirs), decisions);
    BookMergeResult typed = merge_books(base, mine, theirs, decisions);
    CHECK(keys(typed.conflicts) == keys(old.conflicts));
    CHECK(keys(typed.decided) == keys(old.decided));
    CHECK(typed.problems.empty());
    CHECK(book_to_json(typed.merged) == old.merged);
}

}  // namespace

TEST_CASE("merge_books gives what three_way_merge gives, on random edits of a synthetic book") {
    SyntheticOptions so;
    so.organisations = 30;
    so.years = 2;
    so.seed = 5;
    const Book original = generate_book(*test_catalog(), so);
    for (unsigned seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        Editor ed{std::mt19937(seed)};
        Book base = original, mine = original, theirs = original;
        ed.edit(mine, "mine");
        ed.edit(theirs, "theirs");
        const bool no_base = seed % 7 == 0;
        compare(no_base ? nullptr : &base, mine, theirs, {});
        // Decided one way, then the other: the same choices and the same book.
        BookMergeResult first = merge_books(no_base ? nullptr : &base, mine, theirs);
        for (Take take : {Take::Mine, Take::Theirs}) {
            Decisions d;
            for (const auto& c : first.conflicts) d[c.key()] = take;
            compare(no_base ? nullptr : &base, mine, theirs, d);
        }
    }
}

TEST_CASE("merge_books: a merged record that does not read back is a problem with its pointer") {
    Book base = to_book(small_book());
    base.organisations[0].member_since = Date::from_ymd(2026, 1, 1);
    base.organisations[0].cancelled_on = Date::from_ymd(2026, 6, 1);
    Book mine = base, theirs = base;
    mine.organisations[0].member_since = Date::from_ymd(2026, 5, 1);    // still before the cancellation
    theirs.organisations[0].cancelled_on = Date::from_ymd(2026, 3, 1);  // still after the start
    BookMergeResult m = merge_books(&base, mine, theirs);
    CHECK(m.conflicts.empty());
    REQUIRE(m.problems.size() == 1);
    CHECK(m.problems[0].pointer == "/organisations/0/cancelled_on");
}

TEST_CASE("merge_gives_theirs: only when the merge would give theirs unchanged") {
    SyntheticOptions so;
    so.organisations = 20;
    so.years = 1;
    Book theirs = generate_book(*test_catalog(), so);
    for (int i = 0; i < 3; ++i) {
        AuditEntry a;
        a.seq = i + 1;
        a.at = "2027-03-01T09:0" + std::to_string(i) + ":00Z";
        a.who = "ann";
        a.summary = "change " + std::to_string(i);
        theirs.audit.push_back(a);
    }
    REQUIRE(merge_gives_theirs(nullptr, Book{}, theirs));
    CHECK(book_to_json(merge_books(nullptr, Book{}, theirs).merged) == book_to_json(theirs));
    Book base = theirs;
    CHECK_FALSE(merge_gives_theirs(&base, Book{}, theirs));
    Book mine;
    mine.extra = Json{{"x", 1}};
    CHECK_FALSE(merge_gives_theirs(nullptr, mine, theirs));
    std::swap(theirs.audit[0], theirs.audit[2]);  // out of order: the merge sorts it
    CHECK_FALSE(merge_gives_theirs(nullptr, Book{}, theirs));
    CHECK(book_to_json(merge_books(nullptr, Book{}, theirs).merged) != book_to_json(theirs));
    theirs.audit[0] = theirs.audit[2];  // a duplicate: the merge drops it
    std::sort(theirs.audit.begin(), theirs.audit.end(), [](const AuditEntry& x, const AuditEntry& y) { return x.at < y.at; });
    CHECK_FALSE(merge_gives_theirs(nullptr, Book{}, theirs));
}
