#include <doctest/doctest.h>

#include "core/html.hpp"
#include "core/invoice_html.hpp"
#include "documents_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

TEST_CASE("html_escape escapes the five special characters") {
    CHECK(html_escape("a & b") == "a &amp; b");
    CHECK(html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(html_escape("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    CHECK(html_escape("O'Brien") == "O&#39;Brien");
    SUBCASE("already escaped text is escaped again (no double-decoding)") {
        CHECK(html_escape("&amp;") == "&amp;amp;");
    }
    SUBCASE("UTF-8 passes through, broken bytes and controls become U+FFFD") {
        CHECK(html_escape("Universit\u00e9 \u6771\u4eac") == "Universit\u00e9 \u6771\u4eac");
        CHECK(html_escape(std::string("a\xC3") + "b") == "a\xEF\xBF\xBD" "b");
        CHECK(html_escape(std::string("\xC0\xBC")) == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '<'
        CHECK(html_escape(std::string("x\x01y")) == "x\xEF\xBF\xBDy");
        CHECK(html_escape("a\tb\nc") == "a\tb\nc");
    }
}

TEST_CASE("the builder escapes text and attribute values, not its own markup") {
    HtmlBuilder h;
    h.open("td", {{"title", "a\"b"}}).text("<b>").close("td").element("p", "x & y", {{"class", "c"}});
    CHECK(h.str() == "<td title=\"a&quot;b\">&lt;b&gt;</td><p class=\"c\">x &amp; y</p>");
}

TEST_CASE("documents have a strict policy and the chosen page size") {
    std::string doc = html_document("T <1>", "en", PageSize::A4, "", "<p>x</p>");
    CHECK(doc.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(doc.find("<title>T &lt;1&gt;</title>") != std::string::npos);
    CHECK(doc.find("default-src 'none'") != std::string::npos);
    CHECK(doc.find("@page{size:A4;margin:16mm}") != std::string::npos);
    CHECK(html_document("t", "en", PageSize::Letter, "", "").find("@page{size:letter") != std::string::npos);
    CHECK(html_document("t", "en", PageSize::Auto, "", "").find("@page{size") == std::string::npos);
    PageSize p = PageSize::Auto;
    CHECK(page_size_from("letter", p));
    CHECK(p == PageSize::Letter);
    CHECK_FALSE(page_size_from("legal", p));
}

TEST_CASE("invoice document matches the golden file") {
    const Catalog c = documents_catalog();
    const Book b = small_book();
    SUBCASE("partly paid and overdue") {
        check_golden_text(invoice_html(c, b, "a26", d("2026-11-22"), PageSize::A4), "invoice_a26.html");
    }
    SUBCASE("paid, US Letter") {
        check_golden_text(invoice_html(c, b, "b26", d("2026-11-22"), PageSize::Letter), "invoice_b26.html");
    }
}

TEST_CASE("invoice document content") {
    const Catalog c = documents_catalog();
    const Book b = small_book();
    const std::string html = invoice_html(c, b, "a26", d("2026-11-22"));
    SUBCASE("number, dates, amounts, status and instructions") {
        CHECK(html.find("IIIFC-2026-a26") != std::string::npos);
        CHECK(html.find("2026-01-10") != std::string::npos);
        CHECK(html.find("2026-02-09") != std::string::npos);
        CHECK(html.find("10,000.00 USD") != std::string::npos);
        CHECK(html.find("4,000.00 USD") != std::string::npos);
        CHECK(html.find("id=\"amount-due\">6,000.00 USD") != std::string::npos);
        CHECK(html.find("status-overdue") != std::string::npos);
        CHECK(html.find("Pay by bank transfer to CLIR") != std::string::npos);
        CHECK(html.find("IIIF Consortium") != std::string::npos);
    }
    SUBCASE("found by number too; unknown gives nothing") {
        CHECK(invoice_html(c, b, "IIIFC-2026-a26", d("2026-11-22")) == html);
        CHECK(invoice_html(c, b, "nope", d("2026-11-22")).empty());
        CHECK(find_invoice(b, "nope") == nullptr);
    }
    SUBCASE("payments after the date are not counted") {
        const std::string before = invoice_html(c, b, "a26", d("2026-01-31"));
        CHECK(before.find("id=\"amount-due\">10,000.00 USD") != std::string::npos);
        CHECK(before.find("status-sent") != std::string::npos);
    }
    SUBCASE("a void invoice is not payable") {
        const std::string v = invoice_html(c, b, "d26v", d("2026-11-22"));
        CHECK(v.find("not payable") != std::string::npos);
        CHECK(v.find("id=\"amount-due\">0.00 USD") != std::string::npos);
        CHECK(v.find("Payment instructions") == std::string::npos);
    }
    SUBCASE("deterministic") { CHECK(invoice_html(c, b, "a26", d("2026-11-22")) == html); }
}

TEST_CASE("invoice document escapes hostile organisation names") {
    const Catalog c = documents_catalog();
    Book b = hostile_book();
    b.invoices[0].lines[0].description = "Fee <b>& 'co'";
    for (const char* id : {"a25", "c26"}) {
        const std::string html = invoice_html(c, b, id, d("2026-11-22"));
        CAPTURE(id);
        CHECK(html.find("<script>") == std::string::npos);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("onerror=alert(1)>") == std::string::npos);
    }
    const std::string a = invoice_html(c, b, "a25", d("2026-11-22"));
    CHECK(a.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(a.find("Fee &lt;b&gt;&amp; &#39;co&#39;") != std::string::npos);
    const std::string cc = invoice_html(c, b, "c26", d("2026-11-22"));
    CHECK(cc.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}
