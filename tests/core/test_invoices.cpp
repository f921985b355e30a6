#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/invoices.hpp"
#include "core/status.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
ActionContext ctx(const char* day = "2027-03-01") { return {"finance", std::string(day) + "T12:00:00Z", d(day)}; }

bool has_problem(const ApplyResult& r, const std::string& pointer, const std::string& fragment = "") {
    for (const Problem& p : r.problems)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

Json create(const char* org, const char* issued, std::int64_t amount = 5000) {
    return {{"type", "invoice.create"},
            {"org", org},
            {"issued", issued},
            {"lines", Json::array({{{"description", "Workshop"}, {"amount", amount}}})}};
}

Book one_member() {
    Book b;
    b.organisations = {member("org-a", "full", "2020-01-01")};
    return b;
}
}  // namespace

TEST_CASE("invoice numbers run per year of issue, without gaps, void ones keeping theirs") {
    Book b = one_member();
    const Catalog c = test_catalog();
    REQUIRE(apply_action(b, c, create("org-a", "2027-01-05"), ctx()).ok);
    REQUIRE(apply_action(b, c, create("org-a", "2027-02-05"), ctx()).ok);
    CHECK(b.invoices[0].number == "IIIFC-2027-0001");
    CHECK(b.invoices[1].number == "IIIFC-2027-0002");
    CHECK(b.invoices[0].id == "inv-IIIFC-2027-0001");
    SUBCASE("create, void, create again") {
        REQUIRE(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", "IIIFC-2027-0002"}, {"reason", "typo"}}, ctx()).ok);
        CHECK(b.invoices[1].state == InvoiceState::Void);
        CHECK(b.invoices[1].number == "IIIFC-2027-0002");
        REQUIRE(apply_action(b, c, create("org-a", "2027-03-01"), ctx()).ok);
        CHECK(b.invoices[2].number == "IIIFC-2027-0003");
    }
    SUBCASE("a new year starts at 0001; the old year continues") {
        REQUIRE(apply_action(b, c, create("org-a", "2028-01-02"), ctx()).ok);
        REQUIRE(apply_action(b, c, create("org-a", "2027-12-31"), ctx()).ok);
        CHECK(b.invoices[2].number == "IIIFC-2028-0001");
        CHECK(b.invoices[3].number == "IIIFC-2027-0003");
    }
    SUBCASE("numbers from an imported book are continued, other prefixes ignored") {
        b.invoices.push_back(invoice("x", "org-a", "2027-01-01", "2027-01-31", 1));
        b.invoices.back().number = "IIIFC-2027-0041";
        b.invoices.push_back(invoice("y", "org-a", "2027-01-01", "2027-01-31", 1));
        b.invoices.back().number = "OTHER-2027-0099";
        REQUIRE(apply_action(b, c, create("org-a", "2027-04-01"), ctx()).ok);
        CHECK(b.invoices.back().number == "IIIFC-2027-0042");
    }
}

TEST_CASE("invoice number helpers") {
    CHECK(format_invoice_number("IIIFC", 2027, 1) == "IIIFC-2027-0001");
    CHECK(format_invoice_number("IIIFC", 2027, 12345) == "IIIFC-2027-12345");
    CHECK(invoice_number_seq("IIIFC-2027-0042", "IIIFC", 2027) == std::optional<int>(42));
    CHECK_FALSE(invoice_number_seq("IIIFC-2026-0042", "IIIFC", 2027));
    CHECK_FALSE(invoice_number_seq("IIIFC-2027-", "IIIFC", 2027));
    CHECK_FALSE(invoice_number_seq("IIIFC-2027-00a1", "IIIFC", 2027));
}

TEST_CASE("invoice.create dates, lines and defaults") {
    Book b = one_member();
    const Catalog c = test_catalog();
    SUBCASE("due defaults to issued + payment terms; state to draft") {
        REQUIRE(apply_action(b, c, create("org-a", "2027-01-31"), ctx()).ok);
        CHECK(b.invoices[0].due == d("2027-03-02"));
        CHECK(b.invoices[0].state == InvoiceState::Draft);
        CHECK(b.invoices[0].currency == "USD");
    }
    SUBCASE("issued defaults to today") {
        Json a = create("org-a", "2027-01-01");
        a.erase("issued");
        REQUIRE(apply_action(b, c, a, ctx("2028-02-29")).ok);
        CHECK(b.invoices[0].issued == d("2028-02-29"));
        CHECK(b.invoices[0].due == d("2028-03-30"));
        CHECK(b.invoices[0].number == "IIIFC-2028-0001");
    }
    SUBCASE("due never before issued") {
        Json a = create("org-a", "2027-03-01");
        a["due"] = "2027-02-28";
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/due", "before the issue date"));
        a["due"] = "2027-03-01";
        CHECK(apply_action(b, c, a, ctx()).ok);
    }
    SUBCASE("bad lines") {
        Json a = create("org-a", "2027-03-01");
        a["lines"] = Json::array({{{"description", "x"}, {"amount", -5}}, {{"description", "y"}, {"amount", 1.5}}, 7});
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/lines/0/amount", "between"));
        CHECK(has_problem(r, "/lines/1/amount", "whole number"));
        CHECK(has_problem(r, "/lines/2", "object"));
        a["lines"] = Json::array();
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/lines", "non-empty"));
        a.erase("lines");
        CHECK(has_problem(apply_action(b, c, a, ctx()), "/lines", "membership_year"));
        CHECK(b.invoices.empty());
    }
    SUBCASE("unknown organisation, bad state, bad date") {
        Json a = create("nobody", "2027-02-30");
        a["state"] = "paid";
        ApplyResult r = apply_action(b, c, a, ctx());
        CHECK(has_problem(r, "/org", "no organisation"));
        CHECK(has_problem(r, "/issued", "YYYY-MM-DD"));
        CHECK(has_problem(r, "/state", "draft"));
    }
    SUBCASE("a membership invoice without lines invoices the tier's fee, prorated in the joining year") {
        b.organisations[0].member_since = d("2027-04-15");
        Json a = {{"type", "invoice.create"}, {"org", "org-a"}, {"membership_year", 2027}, {"issued", "2027-04-15"}, {"state", "sent"}};
        REQUIRE(apply_action(b, c, a, ctx()).ok);
        CHECK(invoice_total(b.invoices[0]) == 750000);  // April to December: 9/12 of 10,000.00
        CHECK(b.invoices[0].tier == std::optional<std::string>("full"));
        CHECK(b.invoices[0].membership_year == std::optional<int>(2027));
        CHECK(b.invoices[0].state == InvoiceState::Sent);
        SUBCASE("one membership invoice per year") {
            CHECK(has_problem(apply_action(b, c, a, ctx()), "/membership_year", "already has invoice IIIFC-2027-0001"));
            REQUIRE(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", b.invoices[0].id}}, ctx()).ok);
            CHECK(apply_action(b, c, a, ctx()).ok);
        }
    }
}

TEST_CASE("invoice.send and invoice.void follow the lifecycle") {
    Book b = one_member();
    const Catalog c = test_catalog();
    REQUIRE(apply_action(b, c, create("org-a", "2027-01-05"), ctx()).ok);
    const std::string id = b.invoices[0].id;
    CHECK(has_problem(apply_action(b, c, Json{{"type", "payment.record"}, {"invoice", id}, {"amount", 100}}, ctx()), "/invoice", "draft"));
    REQUIRE(apply_action(b, c, Json{{"type", "invoice.send"}, {"invoice", id}}, ctx()).ok);
    CHECK(b.invoices[0].state == InvoiceState::Sent);
    CHECK(has_problem(apply_action(b, c, Json{{"type", "invoice.send"}, {"invoice", id}}, ctx()), "/invoice", "only a draft"));
    REQUIRE(apply_action(b, c, Json{{"type", "payment.record"}, {"invoice", id}, {"amount", 100}}, ctx()).ok);
    CHECK(has_problem(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", id}}, ctx()), "/invoice", "payments recorded"));
    CHECK(has_problem(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", "nope"}}, ctx()), "/invoice", "no invoice"));
    REQUIRE(apply_action(b, c, create("org-a", "2027-01-06"), ctx()).ok);
    REQUIRE(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", b.invoices[1].id}}, ctx()).ok);
    CHECK(has_problem(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", b.invoices[1].id}}, ctx()), "/invoice", "already void"));
    CHECK(has_problem(apply_action(b, c, Json{{"type", "payment.record"}, {"invoice", b.invoices[1].id}, {"amount", 1}}, ctx()), "/invoice", "void"));
}

TEST_CASE("payment.record: partial payments, overpayment, and refusals") {
    Book b = one_member();
    const Catalog c = test_catalog();
    b.invoices = {invoice("inv-1", "org-a", "2027-01-01", "2027-01-31", 10000)};
    auto pay = [&](std::int64_t amount, const char* date) {
        return apply_action(b, c, Json{{"type", "payment.record"}, {"invoice", "inv-1"}, {"amount", amount}, {"date", date}, {"method", "wire"}}, ctx());
    };
    ApplyResult r = pay(4000, "2027-01-10");
    REQUIRE(r.ok);
    CHECK(r.summary.find("60.00 USD still due") != std::string::npos);
    CHECK(invoice_status(b.invoices[0], index_book(b), d("2027-01-15")) == InvoiceStatus::PartlyPaid);
    r = pay(7000, "2027-01-20");
    REQUIRE(r.ok);
    CHECK(r.summary.find("overpaid by 10.00 USD") != std::string::npos);
    CHECK(invoice_status(b.invoices[0], index_book(b), d("2027-01-20")) == InvoiceStatus::Paid);
    CHECK(b.payments[0].id == "pay-1");
    CHECK(b.payments[1].id == "pay-2");
    CHECK(b.payments[1].method == "wire");
    CHECK(has_problem(pay(0, "2027-01-20"), "/amount", "between 1"));
    CHECK(has_problem(pay(-5, "2027-01-20"), "/amount"));
    CHECK(has_problem(pay(5, "2026-12-31"), "/date", "before the invoice's issue date"));
    CHECK(b.payments.size() == 2);
    SUBCASE("date defaults to today") {
        REQUIRE(apply_action(b, c, Json{{"type", "payment.record"}, {"invoice", "inv-1"}, {"amount", 1}}, ctx("2027-05-05")).ok);
        CHECK(b.payments.back().date == d("2027-05-05"));
    }
    SUBCASE("a cancelled member's payment is recorded") {
        b.organisations[0].cancelled_on = d("2027-01-15");
        CHECK(pay(100, "2027-02-01").ok);
    }
}

TEST_CASE("proration: exact cents, half away from zero") {
    const ProrationPolicy monthly{"monthly"}, quarterly{"quarterly"}, none{"none"};
    SUBCASE("monthly counts the joining month") {
        CHECK(prorated_fee(1000000, monthly, d("2027-01-31"), 2027) == 1000000);
        CHECK(prorated_fee(1000000, monthly, d("2027-02-01"), 2027) == 916667);  // 916,666.67
        CHECK(prorated_fee(1000000, monthly, d("2027-04-15"), 2027) == 750000);
        CHECK(prorated_fee(1000000, monthly, d("2027-12-31"), 2027) == 83333);   // 83,333.33
        CHECK(prorated_fee(250000, monthly, d("2027-08-01"), 2027) == 104167);   // 104,166.67
        CHECK(prorated_fee(250000, monthly, d("2028-02-29"), 2028) == 229167);   // leap day, 11 months
        CHECK(prorated_fee(30, monthly, d("2027-06-10"), 2027) == 18);           // 17.5 rounds up
        CHECK(prorated_fee(18, monthly, d("2027-12-01"), 2027) == 2);            // 1.5 rounds up
    }
    SUBCASE("quarterly counts the joining quarter") {
        CHECK(prorated_fee(1000000, quarterly, d("2027-03-31"), 2027) == 1000000);
        CHECK(prorated_fee(1000000, quarterly, d("2027-04-01"), 2027) == 750000);
        CHECK(prorated_fee(1000000, quarterly, d("2027-12-31"), 2027) == 250000);
        CHECK(prorated_fee(250002, quarterly, d("2027-08-01"), 2027) == 125001);
        CHECK(prorated_fee(10, quarterly, d("2027-10-01"), 2027) == 3);  // 2.5 rounds up
    }
    SUBCASE("none, another year, an unknown mode: the full fee") {
        CHECK(prorated_fee(1000000, none, d("2027-12-01"), 2027) == 1000000);
        CHECK(prorated_fee(1000000, monthly, d("2026-12-01"), 2027) == 1000000);
        CHECK(prorated_fee(1000000, ProrationPolicy{"weekly"}, d("2027-12-01"), 2027) == 1000000);
    }
}

TEST_CASE("invoices_to_json lists derived status, totals and overdue days") {
    Book b = one_member();
    b.invoices = {invoice("inv-1", "org-a", "2027-01-01", "2027-01-31", 10000),
                  invoice("inv-2", "org-a", "2027-02-01", "2027-03-03", 500)};
    b.payments = {payment("p1", "inv-1", "2027-01-10", 2500)};
    Json all = invoices_to_json(b, d("2027-02-10"), false);
    REQUIRE(all["invoices"].size() == 2);
    CHECK(all["invoices"][0]["status"] == "overdue");
    CHECK(all["invoices"][0]["total"] == 10000);
    CHECK(all["invoices"][0]["paid"] == 2500);
    CHECK(all["invoices"][0]["outstanding"] == 7500);
    CHECK(all["invoices"][0]["days_overdue"] == 10);
    CHECK(all["invoices"][0]["org_name"] == "org-a");
    CHECK(all["invoices"][1]["status"] == "sent");
    Json overdue = invoices_to_json(b, d("2027-02-10"), true);
    REQUIRE(overdue["invoices"].size() == 1);
    CHECK(overdue["invoices"][0]["id"] == "inv-1");
}
