// Staff reports over the membership book (PRODUCT.md C, docs/reports.md): revenue by tier and
// year, receivables aging, retention, members by tier / type / country, and the year's totals.
// Pure functions of (book, catalog, year, as-of date): the same inputs give the same report, and
// nothing after `on` (an invoice issued or a payment made later) is seen.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/status.hpp"

namespace portal {

inline constexpr const char* kReportSchema = "portal-report/1";

// Money figures are minor units of the catalog currency.
struct RevenueFigures {
    std::int64_t invoiced = 0;     // sum of the invoices' totals
    std::int64_t collected = 0;    // payments on them made on or before `on` (overpayments included)
    std::int64_t outstanding = 0;  // still owed on `on`, per invoice never below zero
    std::int64_t invoices = 0;     // how many invoices
};

struct TierRevenue {
    std::string tier;    // tier id; "other" for invoices with no tier
    std::string label;   // the catalog's label, else the id
    RevenueFigures figures;
};

struct YearRevenue {
    int year = 0;
    std::vector<TierRevenue> tiers;  // catalog order, then unknown tiers by id, then "other"
    RevenueFigures total;
};

// Receivables: the unpaid remainder of sent invoices, by days past due on `on`.
struct AgingBucket {
    std::string bucket;          // "not_yet_due", "0-30", "31-60", "61-90", "90+"
    std::int64_t invoices = 0;
    std::int64_t amount = 0;
};

struct AgingReport {
    std::vector<AgingBucket> buckets;  // always the five buckets, in that order
    std::int64_t invoices = 0;
    std::int64_t amount = 0;
};

// Retention for one membership year Y. "Members at start" are the organisations that paid in full
// their membership invoice for Y-1; each of them either renewed (paid Y's invoice in full), is
// pending (Y's invoice unpaid but within its due date + grace days), lapsed (Y's invoice unpaid
// past grace, or cancelled), or was not invoiced for Y yet. "New" paid Y in full but not Y-1.
struct RetentionYear {
    int year = 0;
    std::int64_t members_at_start = 0;
    std::int64_t renewed = 0;
    std::int64_t pending = 0;
    std::int64_t lapsed = 0;
    std::int64_t not_invoiced = 0;
    std::int64_t new_members = 0;
    std::int64_t rate_per_mille = 0;  // renewed * 1000 / members_at_start, rounded; 0 when none at start
};

// Organisations with a tier (members, past or present), by derived membership status on `on`.
struct StatusCounts {
    std::int64_t organisations = 0;
    std::int64_t members = 0;  // in good standing: current + grace
    std::int64_t current = 0, grace = 0, pending = 0, lapsed = 0, cancelled = 0;
};

struct ReportTotals {
    std::int64_t organisations = 0;          // every organisation in the book
    std::int64_t members = 0;                // in good standing on `on`
    RevenueFigures revenue;                  // the report year's figures
    std::int64_t receivables = 0;            // aging total
    std::int64_t overdue = 0;                // aging total past due
    std::int64_t open_prospects = 0;         // pipeline: neither joined nor declined
    std::int64_t retention_per_mille = 0;    // the report year's rate (0 when not computable)
};

struct Report {
    int year = 0;
    Date on;
    std::string currency;
    ReportTotals totals;
    std::vector<YearRevenue> revenue;        // every year with invoices up to `year`, ascending
    AgingReport aging;
    std::vector<RetentionYear> retention;    // from the second invoiced year up to `year`
    std::map<std::string, StatusCounts> by_tier, by_type, by_country;
};

// The year an invoice counts for: its membership year, else the year it was issued.
int invoice_year(const Invoice& invoice);

// Builds its own lookups in one linear pass (no BookIndex needed: see reports.cpp "Facts").
Report build_report(const Book& book, const Catalog& catalog, int year, Date on);
// The same report with the book's index (kept with the book, or built for it): no id is looked up.
Report build_report(const Book& book, const Catalog& catalog, int year, Date on, const BookIndex& index);

// Revenue alone, for every year (the scenario modeller uses the current year's).
std::vector<YearRevenue> revenue_by_year(const Book& book, const Catalog& catalog, Date on);

// Every organisation's membership_status (status.hpp) on `on`, in book order, computed in one
// linear pass: the same answers as calling membership_status for each, several times faster.
std::vector<MembershipStatus> membership_statuses(const Book& book, const Catalog& catalog, Date on);

// {"schema": "portal-report/1", ...}: keys are sorted, arrays in the orders documented above.
Json report_to_json(const Report& report);

}  // namespace portal
