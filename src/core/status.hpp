// Derived state: invoice status and membership status are computed from dates and payments,
// never stored by hand (issue 4).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>  // kept: includers rely on it
#include <vector>

#include "core/book_index.hpp"
#include "core/model.hpp"

namespace portal {

enum class InvoiceStatus { Draft, Sent, PartlyPaid, Paid, Overdue, Void };
enum class MembershipStatus { Prospect, Pending, Current, Grace, Lapsed, Cancelled };

const char* to_string(InvoiceStatus s);
const char* to_string(MembershipStatus s);

std::int64_t invoice_total(const Invoice& invoice);  // sum of lines, minor units
std::int64_t invoice_paid(const Invoice& invoice, const BookIndex& index);  // every payment recorded
// Paid on or before `on` (overpayment included: it may exceed the total).
std::int64_t invoice_paid_as_of(const Invoice& invoice, const BookIndex& index, Date on);
// Still owed on `on`: total - paid, never below zero.
std::int64_t invoice_outstanding(const Invoice& invoice, const BookIndex& index, Date on);
InvoiceStatus invoice_status(const Invoice& invoice, const BookIndex& index, Date on);

MembershipStatus membership_status(const Organisation& org, const Book& book, const BookIndex& index,
                                   const Catalog& catalog, Date on);
// The same answer without an index, by scanning the book's invoices and payments once: for one
// organisation (a seat change), where building the index would cost far more.
MembershipStatus membership_status_alone(const Organisation& org, const Book& book, const Catalog& catalog, Date on);
// The rules (and every edge: future start, grace, cancellation, overpayment) are in docs/status.md.
// Rights hold while current or in grace (catalog rules.grace_days after a due date).
bool in_good_standing(MembershipStatus s);

}  // namespace portal
