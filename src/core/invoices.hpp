// Invoice numbering, membership fees with proration, and the renewal run as a pure plan
// (docs/status.md: "Invoices", "Proration", "Renewals"). The reducer (actions.hpp) applies these;
// the web UI calls plan_renewal to preview a run before applying it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/book_index.hpp"
#include "core/model.hpp"

namespace portal {

// [SECTION] Numbering: "<prefix>-<year of issue>-<4-digit sequence>", no gaps per year

std::string format_invoice_number(const std::string& prefix, int year, int seq);  // IIIFC-2027-0001
// The sequence part of `number` when it reads "<prefix>-<year>-<digits>", else nullopt.
std::optional<int> invoice_number_seq(const std::string& number, const std::string& prefix, int year);

// Hands out consecutive numbers for one prefix, one scan of the book per year asked about, so a
// renewal run of 100,000 invoices stays linear. Voided invoices keep their numbers (they count).
class InvoiceNumberer {
public:
    InvoiceNumberer(const Book& book, std::string prefix) : book_(book), prefix_(std::move(prefix)) {}
    std::string next(int year);

private:
    const Book& book_;
    std::string prefix_;
    std::vector<std::pair<int, int>> last_;  // (year, last sequence used)
};

// [SECTION] Membership fees

// The fee for membership year `year` of a member who starts on `start` (catalog policy
// invoicing.proration.mode): full fee unless `start` falls inside `year`; then "none" charges the
// full fee, "monthly" fee * (months left, the joining month counted) / 12, "quarterly"
// fee * (quarters left, the joining quarter counted) / 4, rounded half away from zero.
// An unknown mode charges the full fee.
std::int64_t prorated_fee(std::int64_t annual_fee, const ProrationPolicy& policy, Date start, int year);

// A ready membership invoice (id, number, org, dates, one line, membership_year, tier), state Sent.
// `start` is the membership start used for proration (member_since), if any.
Invoice make_membership_invoice(const Organisation& org, const Tier& tier, const Catalog& catalog, int year,
                                Date issued, std::optional<Date> start, InvoiceNumberer& numbers);

// [SECTION] Renewals

struct RenewalSkip {
    std::string org;
    std::string reason;  // "lapsed", "cancelled", "already invoiced (IIIFC-2027-0003)", ...
};

struct RenewalPlan {
    int year = 0;
    Date on;
    std::vector<Invoice> invoices;    // what the run would create, in book order
    std::vector<RenewalSkip> skipped; // members (organisations with a tier) left out, and why
    std::int64_t total = 0;           // sum of the invoices, catalog currency
    std::string currency;
};

// Every member (tier set, no cancellation date, status current, grace or pending on `on`, joined on
// or before the end of `year`) with no non-void membership invoice for `year` gets one invoice for
// its tier's fee (prorated when it joins during `year`), issued on `on`, due after the catalog's
// payment terms. Pure: the book is not changed.
RenewalPlan plan_renewal(const Book& book, const Catalog& catalog, int year, Date on);
// The same with the book's index (book_index.hpp), kept with the book or built for it.
RenewalPlan plan_renewal(const Book& book, const Catalog& catalog, int year, Date on, const BookIndex& index);
Json renewal_plan_to_json(const RenewalPlan& plan);

// [SECTION] Invoice listing (portal-cli invoices, the invoices screen)

// {"on": DATE, "invoices": [{id, number, org, org_name, issued, due, currency, total, paid,
// outstanding, status, days_overdue, membership_year?, tier?}]}; only overdue ones when asked.
Json invoices_to_json(const Book& book, Date on, bool overdue_only);

}  // namespace portal
