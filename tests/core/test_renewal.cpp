#include <doctest/doctest.h>

#include <algorithm>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/invoices.hpp"
#include "core/status.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
ActionContext ctx(const char* day) { return {"finance", std::string(day) + "T12:00:00Z", d(day)}; }

const RenewalSkip* skipped(const RenewalPlan& p, const std::string& org) {
    auto it = std::find_if(p.skipped.begin(), p.skipped.end(), [&](const RenewalSkip& s) { return s.org == org; });
    return it == p.skipped.end() ? nullptr : &*it;
}

const Invoice* planned(const RenewalPlan& p, const std::string& org) {
    auto it = std::find_if(p.invoices.begin(), p.invoices.end(), [&](const Invoice& i) { return i.org == org; });
    return it == p.invoices.end() ? nullptr : &*it;
}

// A book with one member of every kind the renewal run has to tell apart.
Book mixed_book() {
    Book b;
    b.organisations = {
        member("current", "full", "2020-01-01"),
        member("assoc", "associate", "2021-05-01"),
        member("grace", "full", "2020-01-01"),
        member("lapsed", "full", "2020-01-01"),
        member("cancelled", "full", "2020-01-01"),
        member("prospect", nullptr, nullptr),
        member("joins-2028", "associate", "2028-04-01"),
        member("joins-2029", "full", "2029-01-01"),
        member("already", "full", "2020-01-01"),
    };
    b.organisations[4].cancelled_on = d("2027-12-31");
    b.invoices = {invoice("g1", "grace", "2027-09-01", "2027-10-01", 1000000, 2027),   // due 2027-10-01: in grace in Dec
                  invoice("l1", "lapsed", "2027-01-01", "2027-01-31", 1000000, 2027),  // long past grace
                  invoice("a1", "already", "2027-11-01", "2027-12-01", 1000000, 2028)};
    return b;
}
}  // namespace

TEST_CASE("plan_renewal invoices every member in good standing once") {
    const Book b = mixed_book();
    const Catalog c = test_catalog();
    RenewalPlan plan = plan_renewal(b, c, 2028, d("2027-12-01"));
    CHECK(plan.year == 2028);
    REQUIRE(plan.invoices.size() == 4);
    CHECK(plan.invoices[0].org == "current");
    CHECK(plan.invoices[1].org == "assoc");
    CHECK(plan.invoices[2].org == "grace");
    CHECK(plan.invoices[3].org == "joins-2028");
    SUBCASE("fees, dates and numbers") {
        const Invoice& first = plan.invoices[0];
        CHECK(invoice_total(first) == 1000000);
        CHECK(first.issued == d("2027-12-01"));
        CHECK(first.due == d("2027-12-31"));
        CHECK(first.state == InvoiceState::Sent);
        CHECK(first.membership_year == std::optional<int>(2028));
        CHECK(first.tier == std::optional<std::string>("full"));
        CHECK(first.number == "IIIFC-2027-0001");  // numbered by the year of issue
        CHECK(plan.invoices[3].number == "IIIFC-2027-0004");
        CHECK(invoice_total(*planned(plan, "assoc")) == 250000);
        CHECK(plan.total == 1000000 + 250000 + 1000000 + 187500);
    }
    SUBCASE("a member joining during the year is prorated from its start") {
        const Invoice* j = planned(plan, "joins-2028");
        REQUIRE(j);
        CHECK(invoice_total(*j) == 187500);  // 9/12 of 2,500.00
        CHECK(j->lines[0].description.find("prorated from 2028-04") != std::string::npos);
    }
    SUBCASE("who is left out, and why") {
        REQUIRE(skipped(plan, "lapsed"));
        CHECK(skipped(plan, "lapsed")->reason == "lapsed");
        CHECK(skipped(plan, "cancelled")->reason.find("cancelled") == 0);
        CHECK(skipped(plan, "joins-2029")->reason == "joins after 2028");
        CHECK(skipped(plan, "already")->reason == "already invoiced (IIIFC-2027-a1)");
        CHECK_FALSE(skipped(plan, "prospect"));
        CHECK_FALSE(planned(plan, "prospect"));
    }
    SUBCASE("the plan is pure") { CHECK(b.invoices.size() == 3); }
    SUBCASE("json preview") {
        Json j = renewal_plan_to_json(plan);
        CHECK(j["created"] == 4);
        CHECK(j["total"] == plan.total);
        CHECK(j["invoices"][3]["amount"] == 187500);
        CHECK(j["skipped"].size() == plan.skipped.size());
    }
}

TEST_CASE("renewal.run applies the plan and is idempotent") {
    Book b = mixed_book();
    const Catalog c = test_catalog();
    Json run = {{"type", "renewal.run"}, {"year", 2028}, {"on", "2027-12-01"}};
    ApplyResult r = apply_action(b, c, run, ctx("2027-12-01"));
    REQUIRE(r.ok);
    CHECK(r.summary.find("4 invoices created") != std::string::npos);
    CHECK(b.invoices.size() == 7);
    r = apply_action(b, c, run, ctx("2027-12-02"));
    REQUIRE(r.ok);
    CHECK(r.summary.find("0 invoices created") != std::string::npos);
    CHECK(b.invoices.size() == 7);
    CHECK(plan_renewal(b, c, 2028, d("2028-01-15")).invoices.empty());
    SUBCASE("a member who pays its way out of lapse is picked up by the next run") {
        b.payments.push_back(payment("p1", "l1", "2028-01-10", 1000000));
        RenewalPlan again = plan_renewal(b, c, 2028, d("2028-01-15"));
        REQUIRE(again.invoices.size() == 1);
        CHECK(again.invoices[0].org == "lapsed");
        CHECK(again.invoices[0].number == "IIIFC-2028-0001");
    }
    SUBCASE("a voided renewal invoice is replaced by the next run, with a new number") {
        REQUIRE(apply_action(b, c, Json{{"type", "invoice.void"}, {"invoice", b.invoices[3].id}}, ctx("2027-12-05")).ok);
        RenewalPlan again = plan_renewal(b, c, 2028, d("2027-12-06"));
        REQUIRE(again.invoices.size() == 1);
        CHECK(again.invoices[0].org == "current");
        CHECK(again.invoices[0].number == "IIIFC-2027-0005");
    }
    SUBCASE("bad fields") {
        CHECK_FALSE(apply_action(b, c, Json{{"type", "renewal.run"}}, ctx("2027-12-01")).ok);
        CHECK_FALSE(apply_action(b, c, Json{{"type", "renewal.run"}, {"year", "2028"}}, ctx("2027-12-01")).ok);
        CHECK_FALSE(apply_action(b, c, Json{{"type", "renewal.run"}, {"year", 2028}, {"on", "2027-02-29"}}, ctx("2027-12-01")).ok);
    }
}

TEST_CASE("renewal uses the catalog's proration mode and terms") {
    Book b;
    b.organisations = {member("late", "full", "2027-11-20")};
    Catalog c = test_catalog();
    c.invoicing.payment_terms_days = 45;
    SUBCASE("quarterly") {
        c.invoicing.proration.mode = "quarterly";
        RenewalPlan p = plan_renewal(b, c, 2027, d("2027-11-20"));
        REQUIRE(p.invoices.size() == 1);
        CHECK(invoice_total(p.invoices[0]) == 250000);
        CHECK(p.invoices[0].due == d("2028-01-04"));
    }
    SUBCASE("none") {
        c.invoicing.proration.mode = "none";
        CHECK(invoice_total(plan_renewal(b, c, 2027, d("2027-11-20")).invoices.at(0)) == 1000000);
    }
    SUBCASE("the following year is not prorated") {
        CHECK(invoice_total(plan_renewal(b, c, 2028, d("2027-12-01")).invoices.at(0)) == 1000000);
    }
    SUBCASE("a tier missing from the catalog is reported, not invoiced") {
        b.organisations[0].tier = "platinum";
        RenewalPlan p = plan_renewal(b, c, 2028, d("2027-12-01"));
        CHECK(p.invoices.empty());
        CHECK(p.skipped.at(0).reason.find("platinum") != std::string::npos);
    }
}
