// write_book (text appended directly, src/core/json_text.hpp) against the DOM path it replaced:
// safe_dump(book_to_json(b)), on random books with odd strings and unknown members.
#include <doctest/doctest.h>

#include "core/json_reader.hpp"
#include "core/synthetic.hpp"
#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

// Valid UTF-8 only (so that reading back gives the same book); `broken` adds invalid UTF-8.
std::string odd_string(SyntheticRng& rng, bool broken) {
    static const std::vector<std::string> parts = {
        "a", "Zürich", "東京大学", "𝄞 music", "\"quoted\"", "back\\slash", "slash/", "tab\t", "line\nbreak",
        "cr\r", std::string("nul\0x", 5), "\x01\x02\x1f", "\b\f", "\x7f", "emoji 😀", "é", " ", "~0~1", "\u2028",
        "<script>", "{\"json\":1}", "\xef\xbb\xbf"};
    static const std::vector<std::string> bad = {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf5\x80\x80\x80",
                                                 "\x80", "\xf0\x8f\xbf\xbf", "\xe0\x80\x80"};
    std::string s;
    for (int n = static_cast<int>(rng.between(1, 4)); n > 0; --n) s += rng.pick(parts);
    if (broken && rng.chance(500)) s.insert(static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(s.size()) + 1)), rng.pick(bad));
    return s;
}

// `clash`: also keys equal to known members' names (the writer must merge them as book_to_json
// does; reading them back would then refuse their values).
Json odd_extra(SyntheticRng& rng, bool broken, bool clash) {
    // Keys before, between, after (and with `clash` equal to) known members' names.
    static const std::vector<std::string> clashing = {"aaa", "id", "notes", "method", "zzz", "Zeta", "m", "names", "tier_x",
                                                      "émoji", "ctl\x01", "role", "amount", "ec", "lines2", "action"};
    static const std::vector<std::string> unknown = {"aaa", "zzz", "Zeta", "m", "names", "tier_x", "émoji", "ctl\x01",
                                                     "lines2", "b", "x-custom"};
    const std::vector<std::string>& keys = clash ? clashing : unknown;
    Json extra = Json::object();
    for (int n = static_cast<int>(rng.between(1, 3)); n > 0; --n) {
        Json v;
        switch (rng.below(5)) {
            case 0: v = odd_string(rng, broken); break;
            case 1: v = rng.between(-5, 1000000); break;
            case 2: v = Json::array({1, "two", nullptr, true, 0.25}); break;
            case 3: v = Json{{"nested", odd_string(rng, broken)}, {"n", 1.5}}; break;
            default: v = nullptr;
        }
        extra[rng.pick(keys)] = v;
    }
    return extra;
}

// A synthetic book whose strings and unknown members are made odd at random.
// odd_fields: the records' own strings too (else only unknown members), which the reader refuses
// when they hold control characters.
Book odd_book(std::uint64_t seed, bool broken, bool extras, bool clash = true, bool odd_fields = true) {
    SyntheticOptions opt;
    opt.organisations = 30;
    opt.years = 2;
    opt.seed = seed;
    Book b = generate_book(bundled_catalog(), opt);
    SyntheticRng rng(seed * 7919 + 1);
    auto maybe = [&](std::string& s) {
        if (rng.chance(300) && odd_fields) s = odd_string(rng, broken);
    };
    auto maybe_extra = [&](Json& e) {
        if (extras && rng.chance(250)) e = odd_extra(rng, broken, clash);
    };
    for (Organisation& o : b.organisations) {
        maybe(o.name);
        maybe(o.notes);
        maybe(o.updated);
        for (Contact& c : o.contacts) {
            maybe(c.name);
            maybe(c.role);
            maybe_extra(c.extra);
        }
        if (rng.chance(100)) o.commercial = rng.chance(500);
        maybe_extra(o.extra);
    }
    for (Invoice& inv : b.invoices) {
        for (InvoiceLine& l : inv.lines) {
            maybe(l.description);
            maybe_extra(l.extra);
        }
        if (rng.chance(100) && odd_fields) inv.reminders_sent = {"first", odd_string(rng, broken)};
        maybe_extra(inv.extra);
    }
    for (Payment& p : b.payments) {
        maybe(p.method);
        maybe_extra(p.extra);
    }
    static const std::vector<double> probabilities = {0, 1, 0.5, 0.1, 0.3333333333333333, 1e-7, 0.9999999999999999, 0.25};
    for (Prospect& p : b.prospects) {
        maybe(p.name);
        maybe(p.notes);
        maybe(p.next_action);
        p.probability = rng.pick(probabilities);
        if (rng.chance(200)) p.application = Json{{"schema", "portal-application/1"}, {"note", odd_string(rng, broken)}};
        maybe_extra(p.extra);
    }
    for (Seat& s : b.committees.ec) maybe_extra(s.extra);
    if (extras && rng.chance(500)) b.extra = odd_extra(rng, broken, clash);
    AuditEntry a;
    a.seq = 7;
    a.at = "2026-11-22T10:00:00Z";
    a.who = odd_fields ? odd_string(rng, broken) : "who";
    a.summary = odd_fields ? odd_string(rng, broken) : "summary";
    a.action = Json{{"type", "org.update"}, {"fields", {{"name", odd_string(rng, broken)}}}};
    b.audit.push_back(a);
    a.seq = 8;
    a.action = nullptr;
    b.audit.push_back(a);
    return b;
}

std::string reference_text(const Book& b) { return jsonr::safe_dump(book_to_json(b)); }

}  // namespace

TEST_CASE("write_book gives the bytes of the DOM writer on random books with odd strings") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        Book b = odd_book(seed, seed % 3 == 0, seed % 2 == 0);
        std::string fast = write_book(b), ref = reference_text(b);
        if (fast != ref) {
            std::size_t i = 0;
            while (i < fast.size() && i < ref.size() && fast[i] == ref[i]) ++i;
            INFO("first difference at byte " << i << ": fast ..." << fast.substr(i > 40 ? i - 40 : 0, 80) << "\nref  ..."
                                             << ref.substr(i > 40 ? i - 40 : 0, 80));
            CHECK(fast == ref);
        }
    }
}

TEST_CASE("write_book then read_book gives the same book back (valid UTF-8)") {
    for (std::uint64_t seed = 100; seed <= 120; ++seed) {
        CAPTURE(seed);
        Book b = odd_book(seed, false, true, false, false);
        std::string text = write_book(b);
        auto back = read_book(text, bundled_catalog());
        INFO(describe(back.problems));
        REQUIRE(back.ok());
        CHECK(write_book(*back.value) == text);
        CHECK(book_to_json(*back.value) == book_to_json(b));
    }
}

TEST_CASE("write_book: the small cases by hand") {
    Book b;
    CHECK(write_book(b) == R"({"audit":[],"committees":{"ec":[],"oc":[],"trc":[]},"invoices":[],"organisations":[],"payments":[],"prospects":[],"schema":"portal-book/1"})");
    Organisation o;
    o.id = "o\"1";
    o.name = std::string("a\x01\x1f\x7f\n", 5);
    o.type = "university";
    o.country = "DE";
    o.extra = Json{{"aa", 1}, {"id", "lost"}, {"notes", "kept: no notes of its own"}, {"zz", Json::array()}};
    b.organisations.push_back(o);
    b.extra = Json{{"audit", "replaced"}, {"x-note", "é"}};
    CHECK(write_book(b) == reference_text(b));
    CHECK(write_book(b).find(R"({"aa":1,"country":"DE","id":"o\"1","listed":false,"name":"a\u0001\u001f)" "\x7f" R"(\n","notes":"kept: no notes of its own","tier":null,"type":"university","zz":[]})") != std::string::npos);
}
