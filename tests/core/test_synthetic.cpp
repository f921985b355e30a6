#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/governance.hpp"
#include "core/invoices.hpp"
#include "core/json_io.hpp"
#include "core/status.hpp"
#include "core/synthetic.hpp"

using namespace portal;

namespace {
std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
const Catalog& product_catalog() {
    static const Catalog c = [] {
        Read<Catalog> r = read_catalog(read_text(std::string(PORTAL_SOURCE_DIR) + "/assets/catalog.json"));
        REQUIRE_MESSAGE(r.ok(), "assets/catalog.json does not read");
        return *r.value;
    }();
    return c;
}
SyntheticOptions demo_options() {
    SyntheticOptions o;
    o.organisations = 80;
    o.years = 5;
    o.seed = 2026;
    o.today = *Date::parse("2026-11-22");
    return o;
}
bool has_bytes_in(const std::string& s, unsigned char lo, unsigned char hi) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= lo && static_cast<unsigned char>(c) <= hi) return true;
    return false;
}
bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
}  // namespace

TEST_CASE("synthetic books are deterministic for a seed") {
    const Catalog& c = product_catalog();
    SyntheticOptions o = demo_options();
    o.organisations = 30;
    std::string one = write_book(generate_book(c, o));
    CHECK(one == write_book(generate_book(c, o)));
    o.seed = 2027;
    CHECK(one != write_book(generate_book(c, o)));
}

TEST_CASE("a synthetic book is valid, varied and clean") {
    const Catalog& c = product_catalog();
    SyntheticOptions o = demo_options();
    Book b = generate_book(c, o);
    const Date today = o.today;

    SUBCASE("it reads back through the strict book reader") {
        Read<Book> r = read_book(write_book(b), c);
        CHECK_MESSAGE(r.ok(), (r.problems.empty() ? "" : r.problems[0].pointer + ": " + r.problems[0].message));
    }
    SUBCASE("no governance violation today") {
        std::vector<Violation> v = check_governance(b, c, today);
        CHECK_MESSAGE(v.empty(), (v.empty() ? "" : v[0].rule + ": " + v[0].message));
        CHECK(b.committees.ec.size() >= 5);
        CHECK(b.committees.trc.size() >= 5);
    }
    SUBCASE("every organisation type, many countries, several scripts, unique names") {
        std::set<std::string> types, countries, names;
        bool greek = false, cyrillic = false, accented = false;
        for (const Organisation& org : b.organisations) {
            types.insert(org.type);
            countries.insert(org.country);
            names.insert(org.name);
            greek = greek || has_bytes_in(org.name, 0xCE, 0xCF);
            cyrillic = cyrillic || has_bytes_in(org.name, 0xD0, 0xD1);
            accented = accented || has_bytes_in(org.name, 0xC3, 0xC3);
            CHECK(is_country_code(org.country));
        }
        CHECK(types.size() == c.org_types.size());
        CHECK(countries.size() >= 15);
        CHECK(names.size() == b.organisations.size());
        CHECK(greek);
        CHECK(cyrillic);
        CHECK(accented);
    }
    SUBCASE("no real organisation's name") {
        for (const Organisation& org : b.organisations)
            for (const char* real : {"British Library", "Stanford", "Harvard", "Yale", "Princeton", "Getty",
                                     "Smithsonian", "Bodleian", "Wellcome", "Europeana", "Library of Congress",
                                     "Bibliothèque nationale", "Cambridge", "Oxford"})
                CHECK_MESSAGE(org.name.find(real) == std::string::npos, org.name);
    }
    SUBCASE("contacts at example domains only") {
        for (const Organisation& org : b.organisations) {
            CHECK_FALSE(org.contacts.empty());
            for (const Contact& ct : org.contacts)
                CHECK_MESSAGE((ends_with(ct.email, "@example.org") || ends_with(ct.email, "@example.com") ||
                               ends_with(ct.email, "@example.net")),
                              ct.email);
        }
    }
    SUBCASE("invoices numbered without gaps per year, payments consistent") {
        std::map<int, std::set<int>> seqs;
        std::set<std::string> ids;
        std::map<std::string, std::int64_t> paid;
        for (const Payment& p : b.payments) {
            CHECK(p.date <= today);
            CHECK(p.amount > 0);
            paid[p.invoice] += p.amount;
        }
        for (const Invoice& inv : b.invoices) {
            auto seq = invoice_number_seq(inv.number, c.invoicing.prefix, inv.issued.year());
            REQUIRE_MESSAGE(seq, inv.number);
            CHECK(seqs[inv.issued.year()].insert(*seq).second);
            CHECK(ids.insert(inv.id).second);
            CHECK(inv.issued <= today);
            CHECK(paid[inv.id] <= invoice_total(inv));
            if (inv.state == InvoiceState::Void) CHECK(paid[inv.id] == 0);
        }
        for (const auto& [year, s] : seqs) {
            CHECK(*s.begin() == 1);
            CHECK(*s.rbegin() == static_cast<int>(s.size()));
        }
        CHECK(seqs.size() == 5);
    }
    SUBCASE("some invoices paid, partly paid, overdue and void; members in every state") {
        BookIndex ix = index_book(b);
        std::map<InvoiceStatus, int> st;
        for (const Invoice& inv : b.invoices) ++st[invoice_status(inv, ix, today)];
        CHECK(st[InvoiceStatus::Paid] > 100);
        CHECK(st[InvoiceStatus::Overdue] > 0);
        CHECK(st[InvoiceStatus::Void] > 0);
        std::map<MembershipStatus, int> ms;
        for (const Organisation& org : b.organisations) ++ms[membership_status(org, b, ix, c, today)];
        CHECK(ms[MembershipStatus::Current] > 30);
        CHECK(ms[MembershipStatus::Prospect] > 0);
        CHECK(ms[MembershipStatus::Lapsed] + ms[MembershipStatus::Cancelled] > 0);
        bool partial = false;
        for (const Invoice& inv : b.invoices) {
            std::int64_t p = invoice_paid(inv, ix);
            partial = partial || (p > 0 && p < invoice_total(inv));
        }
        CHECK(partial);
    }
    SUBCASE("a pipeline with prospects at every stage") {
        std::set<Stage> stages;
        for (const Prospect& p : b.prospects) {
            stages.insert(p.stage);
            CHECK(p.probability >= 0.0);
            CHECK(p.probability <= 1.0);
        }
        CHECK(stages.size() == 6);
        CHECK(b.prospects.size() == 20);
    }
}

TEST_CASE("synthetic books respect the rules for many seeds and sizes") {
    const Catalog& c = product_catalog();
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        SyntheticOptions o = demo_options();
        o.seed = seed;
        o.organisations = static_cast<int>(5 + seed * 7 % 120);
        o.years = static_cast<int>(1 + seed % 6);
        Book b = generate_book(c, o);
        CHECK(b.organisations.size() == static_cast<std::size_t>(o.organisations));
        std::vector<Violation> v = check_governance(b, c, o.today);
        CHECK_MESSAGE(v.empty(), "seed " << seed << ": " << (v.empty() ? "" : v[0].message));
    }
}

TEST_CASE("the committed demo book reads, has no governance violation, and is what the generator makes") {
    const Catalog& c = product_catalog();
    std::string text = read_text(std::string(PORTAL_SOURCE_DIR) + "/assets/demo-book.json");
    REQUIRE_MESSAGE(!text.empty(), "assets/demo-book.json is missing (portal-cli generate, docs/reports.md)");
    Read<Book> r = read_book(text, c);
    REQUIRE_MESSAGE(r.ok(), (r.problems.empty() ? "" : r.problems[0].pointer + ": " + r.problems[0].message));
    CHECK(check_governance(*r.value, c, demo_options().today).empty());
    CHECK(r.value->organisations.size() == 80);
    CHECK(book_to_json(*r.value) == book_to_json(generate_book(c, demo_options())));
}
