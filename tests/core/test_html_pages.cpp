#include <doctest/doctest.h>

#include "core/directory_html.hpp"
#include "core/public_export.hpp"
#include "core/quote_html.hpp"
#include "documents_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

void check_no_markup_from(const std::string& html) {
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("onerror=alert(1)>") == std::string::npos);
}

Rates test_rates() {
    Rates r;
    r.base = "USD";
    r.date = d("2026-11-01");
    r.source = "test snapshot";
    r.rates = {{"EUR", "Euro", 9215, 10000, 2}, {"JPY", "Yen", 15012, 100, 0}};
    return r;
}

}  // namespace

TEST_CASE("directory page lists listed members by tier, escaped, nothing private") {
    const Catalog c = documents_catalog();
    Book b = hostile_book();
    b.organisations[0].listed = true;  // a (script name) is lapsed: not in good standing, not listed
    b.organisations[1].listed = true;  // b
    b.organisations[2].listed = true;  // c (img name)
    const std::string html = directory_html(b, c, d("2026-10-15"));
    check_no_markup_from(html);
    CHECK(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("Universit\u00e9 de Gen\u00e8ve") != std::string::npos);
    CHECK(html.find("Full membership") != std::string::npos);
    CHECK(html.find("Associate membership") != std::string::npos);
    CHECK(html.find("Executive Committee") != std::string::npos);
    CHECK(html.find("Person C") != std::string::npos);  // c's TRC seat, listed
    CHECK(html.find("Person G2") == std::string::npos);  // g unlisted: placeholder only
    CHECK(html.find("(unlisted member)") != std::string::npos);
    for (const char* secret : {"note about", "@example.org", "Contact ", "pipeline note", "Prospect p-"})
        CHECK_MESSAGE(html.find(secret) == std::string::npos, secret);
    SUBCASE("the script-named organisation is escaped when listed") {
        b.payments.push_back(payment("p9", "a26", "2026-03-01", 600000));
        const std::string h2 = directory_html(b, c, d("2026-10-15"));
        check_no_markup_from(h2);
        CHECK(h2.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    }
    SUBCASE("golden") { check_golden_text(directory_html(small_book(), c, d("2026-11-22")), "directory.html"); }
}

TEST_CASE("quote page: tier, benefits, valid-until, indicative local currency") {
    const Catalog c = documents_catalog();
    const Rates rates = test_rates();
    QuoteRequest q;
    q.tier = "full";
    q.org_name = "Rijksmuseum";
    q.org_type = "library";
    q.country = "NL";
    q.issued = d("2026-11-22");
    q.valid_days = 30;
    q.local_currency = "EUR";
    QuoteResult r = quote_html(c, &rates, q);
    REQUIRE(r.problems.empty());
    CHECK(r.html.find("id=\"valid-until\">2026-12-22") != std::string::npos);
    CHECK(r.html.find("10,000.00 USD") != std::string::npos);
    CHECK(r.html.find("9,215.00 EUR") != std::string::npos);
    CHECK(r.html.find("exchange rate of 2026-11-01") != std::string::npos);
    CHECK(r.html.find("Indicative") != std::string::npos);
    CHECK(r.html.find("Discounts on training and workshops") != std::string::npos);
    CHECK(r.html.find("Vote on the Executive Committee") != std::string::npos);
    check_golden_text(r.html, "quote_full_eur.html");

    SUBCASE("hostile names are escaped") {
        q.org_name = kScriptName;
        q.contact_name = kImgName;
        QuoteResult h = quote_html(c, &rates, q);
        REQUIRE(h.problems.empty());
        check_no_markup_from(h.html);
        CHECK(h.html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    }
    SUBCASE("problems: unknown tier, empty name, unknown currency, no rates") {
        q.tier = "gold";
        q.org_name = " ";
        q.local_currency = "XXX";
        QuoteResult bad = quote_html(c, &rates, q);
        REQUIRE(bad.problems.size() == 3);
        CHECK(bad.problems[0].pointer == "/tier");
        CHECK(bad.problems[1].pointer == "/org_name");
        CHECK(bad.problems[2].pointer == "/local_currency");
        CHECK(bad.html.empty());
        q = QuoteRequest{"full", "X", "", "", "", d("2026-11-22"), 30, "EUR"};
        CHECK(quote_html(c, nullptr, q).problems.at(0).pointer == "/local_currency");
    }
    SUBCASE("no local currency: no indicative box; from an application") {
        Application a;
        a.name = "Acme";
        a.type = "company";
        a.country = "US";
        a.tier = "associate";
        QuoteResult plain = quote_html(c, nullptr, quote_request_from(a, d("2026-11-22"), 14));
        REQUIRE(plain.problems.empty());
        CHECK(plain.html.find("local-currency") == std::string::npos);
        CHECK(plain.html.find("2,500.00 USD") != std::string::npos);
        CHECK(plain.html.find("2026-12-06") != std::string::npos);
    }
}
