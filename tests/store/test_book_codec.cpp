#include <doctest/doctest.h>

#include <random>

#include "core/synthetic.hpp"
#include "store/book_codec.hpp"
#include "store_fixtures.hpp"

using namespace portal;
using namespace portal::store;
using namespace portal::store_testing;

namespace {

// A synthetic book with every kind of value the model has: unknown members, contacts,
// applications, audit actions, optional members set and unset, non-ASCII text.
Book rich_book() {
    SyntheticOptions so;
    so.organisations = 60;
    so.years = 2;
    so.seed = 7;
    Book b = generate_book(catalog(), so);
    REQUIRE(b.organisations.size() > 2);
    b.extra = Json{{"x-top", {1, 2, 3}}};
    Organisation& o = b.organisations[0];
    o.extra = Json{{"x-colour", "blue"}};
    o.commercial = true;
    o.cancelled_on = Date::from_ymd(2027, 1, 31);
    o.contacts.push_back(Contact{"Zoë Ångström", "zoe@example.org", "director", Json{{"x-pronouns", "she"}}});
    o.notes = "line 1\nline 2 \"quoted\" \xE2\x82\xAC";
    b.organisations[1].tier.reset();
    b.organisations[1].member_since.reset();
    Seat seat;
    seat.id = "ec-1";
    seat.org = o.id;
    seat.person = "Zoë";
    seat.term_start = Date::from_ymd(1969, 12, 31);  // negative day count
    b.committees.ec.push_back(seat);
    seat.id = "trc-1";
    seat.term_end = Date::from_ymd(2030, 6, 30);
    b.committees.trc.push_back(seat);
    if (!b.invoices.empty()) {
        b.invoices[0].reminders_sent = {"first", "second"};
        b.invoices[0].lines.push_back(InvoiceLine{"Extra", 123, Json{{"x-code", 7}}});
        b.invoices[0].membership_year.reset();
        b.invoices[0].state = InvoiceState::Void;
    }
    Prospect p;
    p.id = "prospect-x";
    p.name = "Applicant";
    p.type = "library";
    p.stage = Stage::Declined;
    p.probability = 0.125;
    p.application = Json{{"schema", "portal-application/1"}, {"name", "Applicant"}};
    b.prospects.push_back(p);
    AuditEntry a;
    a.seq = 99;
    a.at = "2027-03-01T09:00:00Z";
    a.who = "ann";
    a.summary = "Did something";
    a.action = Json{{"type", "org.update"}, {"id", o.id}};
    b.audit.push_back(a);
    return b;
}

}  // namespace

TEST_CASE("book codec: a book reads back exactly as written") {
    Book b = rich_book();
    std::string bytes = encode_book(b);
    Book back;
    std::string err;
    REQUIRE_MESSAGE(decode_book(bytes, back, err), err);
    CHECK(write_book(back) == write_book(b));
    CHECK(same(back, b));
    CHECK(encode_book(back) == bytes);
    // Much smaller than the JSON text it replaces.
    CHECK(bytes.size() < write_book(b).size());
}

TEST_CASE("book codec: same() sees a change in any member") {
    Book b = rich_book();
    Book c = b;
    CHECK(same(b, c));
    c.organisations[0].contacts[0].extra = Json{{"x-pronouns", "they"}};
    CHECK_FALSE(same(b, c));
    c = b;
    c.invoices[0].lines.back().amount += 1;
    CHECK_FALSE(same(b, c));
    c = b;
    c.prospects.back().probability = 0.25;
    CHECK_FALSE(same(b, c));
    c = b;
    c.committees.trc.back().term_end.reset();
    CHECK_FALSE(same(b, c));
    c = b;
    c.audit.back().action = nullptr;
    CHECK_FALSE(same(b, c));
    CHECK(same(b.organisations[2], c.organisations[2]));
}

TEST_CASE("book codec: damaged bytes are refused with a message, never half read") {
    Book b = rich_book();
    std::string bytes = encode_book(b);
    std::string err;
    Book out;
    CHECK_FALSE(decode_book("", out, err));
    CHECK(err.find("not a portal-book-bin/1") != std::string::npos);
    // Every truncation fails cleanly.
    for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 50) {
        err.clear();
        CHECK_FALSE(decode_book(std::string_view(bytes).substr(0, n), out, err));
        CHECK_FALSE(err.empty());
    }
    CHECK_FALSE(decode_book(bytes + "x", out, err));
    CHECK(err.find("left after the book") != std::string::npos);
    // Random corruption either fails or yields some book; it never crashes or overreads (the
    // CRC-32 of the snapshot file is what rejects such bytes in practice).
    std::mt19937 rng(3);
    for (int i = 0; i < 300; ++i) {
        std::string bad = bytes;
        for (int k = 0; k < 4; ++k) bad[4 + rng() % (bad.size() - 4)] = static_cast<char>(rng());
        Book junk;
        decode_book(bad, junk, err);
    }
}
