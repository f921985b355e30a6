#include <doctest/doctest.h>

#include "core/reports.hpp"
#include "core/synthetic.hpp"
#include "reports_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
const AgingBucket& bucket(const Report& r, const char* name) {
    for (const AgingBucket& b : r.aging.buckets)
        if (b.bucket == name) return b;
    FAIL("no bucket " << name);
    return r.aging.buckets.front();
}
const TierRevenue* tier_of(const YearRevenue& y, const char* tier) {
    for (const TierRevenue& t : y.tiers)
        if (t.tier == tier) return &t;
    return nullptr;
}
}  // namespace

TEST_CASE("report on the small book matches the golden file") {
    Report r = build_report(small_book(), test_catalog(), 2026, d("2026-11-22"));
    check_golden(report_to_json(r), "small_book_2026.json");
}

TEST_CASE("revenue by tier and year") {
    Report r = build_report(small_book(), test_catalog(), 2026, d("2026-11-22"));
    REQUIRE(r.revenue.size() == 2);
    CHECK(r.revenue[0].year == 2025);
    const YearRevenue& y = r.revenue[1];
    CHECK(y.year == 2026);

    SUBCASE("void and draft invoices are excluded") {
        const TierRevenue* assoc = tier_of(y, "associate");
        REQUIRE(assoc);
        CHECK(assoc->figures.invoices == 3);  // b26, d26, e26 (not d26v)
        CHECK(assoc->figures.invoiced == 250000 + 250000 + 41667);
    }
    SUBCASE("collected counts only payments made by the as-of date") {
        const TierRevenue* assoc = tier_of(y, "associate");
        REQUIRE(assoc);
        CHECK(assoc->figures.collected == 250000);  // e26's payment is dated after `on`
        CHECK(assoc->figures.outstanding == 250000 + 41667);
    }
    SUBCASE("invoices without a tier are reported as other, last") {
        REQUIRE(!y.tiers.empty());
        CHECK(y.tiers.back().tier == "other");
        CHECK(y.tiers.back().figures.invoiced == 45000);
    }
    SUBCASE("tiers come in catalog order and add up to the total") {
        CHECK(y.tiers[0].tier == "full");
        CHECK(y.tiers[1].tier == "associate");
        std::int64_t sum = 0;
        for (const TierRevenue& t : y.tiers) sum += t.figures.invoiced;
        CHECK(sum == y.total.invoiced);
        CHECK(r.totals.revenue.invoiced == y.total.invoiced);
        CHECK(y.total.invoiced == y.total.collected + y.total.outstanding);
    }
    SUBCASE("the membership year decides the year, not the issue date") {
        Book b = small_book();
        b.invoices[0].issued = d("2024-12-15");  // a25 issued early for 2025
        Report r2 = build_report(b, test_catalog(), 2026, d("2026-11-22"));
        REQUIRE(r2.revenue.size() == 2);
        CHECK(r2.revenue[0].year == 2025);
    }
    SUBCASE("years after the report year are left out") {
        Report r2025 = build_report(small_book(), test_catalog(), 2025, d("2026-11-22"));
        REQUIRE(r2025.revenue.size() == 1);
        CHECK(r2025.revenue[0].year == 2025);
    }
}

TEST_CASE("receivables aging buckets by days past due") {
    Report r = build_report(small_book(), test_catalog(), 2026, d("2026-11-22"));
    CHECK(bucket(r, "not_yet_due").amount == 41667);       // e26 due 2026-12-01
    CHECK(bucket(r, "0-30").amount == 1000000);            // c26, 22 days late
    CHECK(bucket(r, "31-60").amount == 45000);             // f26, 52 days
    CHECK(bucket(r, "61-90").amount == 1000000);           // g26, 83 days
    CHECK(bucket(r, "90+").amount == 600000 + 250000);     // a26 remainder, d26
    CHECK(bucket(r, "90+").invoices == 2);
    CHECK(r.aging.amount == 41667 + 1000000 + 45000 + 1000000 + 850000);
    CHECK(r.totals.overdue == r.aging.amount - 41667);

    SUBCASE("edges: the due day is not late, day 30 is 0-30, day 31 is 31-60, day 91 is 90+") {
        Book b = small_book();
        auto days_late = [&](const char* on) { return build_report(b, test_catalog(), 2026, d(on)); };
        // f26 is due 2026-10-01.
        CHECK(bucket(days_late("2026-10-01"), "not_yet_due").amount >= 45000);
        Report on30 = days_late("2026-10-31");
        Report on31 = days_late("2026-11-01");
        CHECK(bucket(on31, "31-60").amount == 45000);
        CHECK(bucket(on30, "31-60").amount == 0);
        Report on90 = days_late("2026-12-30");
        Report on91 = days_late("2026-12-31");
        CHECK(bucket(on90, "61-90").amount >= 45000);
        CHECK(bucket(on91, "90+").amount >= 45000 + 850000);
    }
    SUBCASE("a fully paid invoice is not a receivable, an overpaid one neither") {
        Book b = small_book();
        b.payments.push_back(payment("p9", "f26", "2026-11-01", 50000));
        Report x = build_report(b, test_catalog(), 2026, d("2026-11-22"));
        CHECK(bucket(x, "31-60").amount == 0);
        CHECK(bucket(x, "31-60").invoices == 0);
    }
}

TEST_CASE("retention per year from paid membership invoices") {
    Report r = build_report(small_book(), test_catalog(), 2026, d("2026-11-22"));
    REQUIRE(r.retention.size() == 1);  // 2025 is the first invoiced year: nothing to compare with
    const RetentionYear& y = r.retention[0];
    CHECK(y.year == 2026);
    CHECK(y.members_at_start == 5);  // a b c d g paid 2025
    CHECK(y.renewed == 1);           // b
    CHECK(y.pending == 2);           // c and g, unpaid within grace
    CHECK(y.lapsed == 2);            // a past grace, d cancelled
    CHECK(y.not_invoiced == 0);
    CHECK(y.new_members == 0);       // e has not paid yet
    CHECK(y.rate_per_mille == 200);
    CHECK(r.totals.retention_per_mille == 200);

    SUBCASE("a member not yet invoiced is neither renewed nor lapsed") {
        Book b = small_book();
        b.invoices.erase(b.invoices.begin() + 3);  // b26
        Report x = build_report(b, test_catalog(), 2026, d("2026-11-22"));
        CHECK(x.retention[0].not_invoiced == 1);
        CHECK(x.retention[0].renewed == 0);
        CHECK(x.retention[0].rate_per_mille == 0);
    }
    SUBCASE("a new member counts once it has paid") {
        Book b = small_book();
        b.payments.push_back(payment("p9", "e26", "2026-11-10", 41667));
        Report x = build_report(b, test_catalog(), 2026, d("2026-11-22"));
        CHECK(x.retention[0].new_members == 1);
    }
}

TEST_CASE("members by tier, type and country with derived status") {
    Report r = build_report(small_book(), test_catalog(), 2026, d("2026-11-22"));
    CHECK(r.totals.organisations == 7);
    CHECK(r.totals.members == 3);  // b current, c and g in grace
    const StatusCounts& full = r.by_tier.at("full");
    CHECK(full.organisations == 3);
    CHECK(full.lapsed == 1);
    CHECK(full.grace == 2);
    CHECK(r.by_tier.at("associate").cancelled == 1);
    CHECK(r.by_tier.at("associate").pending == 1);
    CHECK(r.by_type.at("library").organisations == 4);  // f is not a member: not counted
    CHECK(r.by_country.at("GB").organisations == 3);
    CHECK(r.by_country.count("IT") == 0);
    CHECK(r.totals.open_prospects == 2);
}

TEST_CASE("an empty book reports zeros, never fails") {
    Report r = build_report(Book{}, test_catalog(), 2026, d("2026-11-22"));
    CHECK(r.revenue.empty());
    CHECK(r.retention.empty());
    CHECK(r.aging.buckets.size() == 5);
    CHECK(r.aging.amount == 0);
    Json j = report_to_json(r);
    CHECK(j["schema"] == "portal-report/1");
    CHECK(j["totals"]["members"] == 0);
}

TEST_CASE("membership_statuses agrees with membership_status on random books, dates and broken ids") {
    const Catalog catalog = test_catalog();
    int compared = 0;
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        SyntheticRng rng(seed * 104729);
        SyntheticOptions o;
        o.seed = seed;
        o.today = d("2026-11-22");
        o.organisations = static_cast<int>(rng.between(1, 25));
        o.years = static_cast<int>(rng.between(1, 4));
        o.unpaid_per_mille = static_cast<int>(rng.between(0, 400));
        o.partial_per_mille = static_cast<int>(rng.between(0, 400));
        o.void_per_mille = static_cast<int>(rng.between(0, 200));
        Book b = generate_book(catalog, o);
        // Broken imports: duplicate organisation and invoice ids, drafts, payments to nowhere.
        if (b.organisations.size() > 2 && rng.chance(500)) b.organisations.back().id = b.organisations.front().id;
        if (b.invoices.size() > 2 && rng.chance(500)) b.invoices.back().id = b.invoices.front().id;
        for (Invoice& inv : b.invoices)
            if (rng.chance(50)) inv.state = InvoiceState::Draft;
        if (!b.payments.empty() && rng.chance(300)) b.payments.front().invoice = "nowhere";
        BookIndex ix = index_book(b);
        for (int k = 0; k < 4; ++k) {
            Date on = d("2022-01-01").add_days(static_cast<int>(rng.between(0, 1900)));
            std::vector<MembershipStatus> fast = membership_statuses(b, catalog, on);
            REQUIRE(fast.size() == b.organisations.size());
            for (std::size_t i = 0; i < fast.size(); ++i) {
                CHECK_MESSAGE(fast[i] == membership_status(b.organisations[i], b, ix, catalog, on),
                              "seed " << seed << " org " << i << " on " << on.iso());
                ++compared;
            }
        }
    }
    CHECK(compared > 5000);
}
