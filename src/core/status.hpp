// Derived state: invoice status and membership status are computed from dates and payments,
// never stored by hand (issue 4).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace portal {

enum class InvoiceStatus { Draft, Sent, PartlyPaid, Paid, Overdue, Void };
enum class MembershipStatus { Prospect, Pending, Current, Grace, Lapsed, Cancelled };

const char* to_string(InvoiceStatus s);
const char* to_string(MembershipStatus s);

// Lookups built once per book version; every derived-state function takes one, so a screen or a
// report over 100,000 organisations does no quadratic search.
struct BookIndex {
    std::unordered_map<std::string, std::size_t> org_by_id;
    std::unordered_map<std::string, std::size_t> invoice_by_id;
    std::unordered_map<std::string, std::size_t> prospect_by_id;
    std::vector<std::int64_t> paid_by_invoice;               // parallel to book.invoices
    std::vector<std::vector<std::size_t>> invoices_by_org;   // parallel to book.organisations
    // Payments per invoice as (date, amount), parallel to book.invoices: status "on" a date
    // counts only the payments made on or before that date.
    std::vector<std::vector<std::pair<Date, std::int64_t>>> payments_by_invoice;
};
BookIndex index_book(const Book& book);

std::int64_t invoice_total(const Invoice& invoice);  // sum of lines, minor units
std::int64_t invoice_paid(const Invoice& invoice, const BookIndex& index);  // every payment recorded
// Paid on or before `on` (overpayment included: it may exceed the total).
std::int64_t invoice_paid_as_of(const Invoice& invoice, const BookIndex& index, Date on);
// Still owed on `on`: total - paid, never below zero.
std::int64_t invoice_outstanding(const Invoice& invoice, const BookIndex& index, Date on);
InvoiceStatus invoice_status(const Invoice& invoice, const BookIndex& index, Date on);

MembershipStatus membership_status(const Organisation& org, const Book& book, const BookIndex& index,
                                   const Catalog& catalog, Date on);
// The rules (and every edge: future start, grace, cancellation, overpayment) are in docs/status.md.
// Rights hold while current or in grace (catalog rules.grace_days after a due date).
bool in_good_standing(MembershipStatus s);

}  // namespace portal
