// Derived invoice and membership status (docs/status.md has the rules in plain words).
#include "core/status.hpp"

#include <functional>

namespace portal {

const char* to_string(InvoiceStatus s) {
    switch (s) {
        case InvoiceStatus::Draft: return "draft";
        case InvoiceStatus::Sent: return "sent";
        case InvoiceStatus::PartlyPaid: return "partly_paid";
        case InvoiceStatus::Paid: return "paid";
        case InvoiceStatus::Overdue: return "overdue";
        case InvoiceStatus::Void: break;
    }
    return "void";
}

const char* to_string(MembershipStatus s) {
    switch (s) {
        case MembershipStatus::Prospect: return "prospect";
        case MembershipStatus::Pending: return "pending";
        case MembershipStatus::Current: return "current";
        case MembershipStatus::Grace: return "grace";
        case MembershipStatus::Lapsed: return "lapsed";
        case MembershipStatus::Cancelled: break;
    }
    return "cancelled";
}

// [SECTION] Index ------------------------------------------------------------------------------

BookIndex index_book(const Book& book) {
    BookIndex ix;
    ix.org_by_id.reserve(book.organisations.size());
    ix.invoice_by_id.reserve(book.invoices.size());
    ix.prospect_by_id.reserve(book.prospects.size());
    // With duplicate ids (a broken import) the first record wins, consistently everywhere.
    for (std::size_t i = 0; i < book.organisations.size(); ++i) ix.org_by_id.emplace(book.organisations[i].id, i);
    for (std::size_t i = 0; i < book.invoices.size(); ++i) ix.invoice_by_id.emplace(book.invoices[i].id, i);
    for (std::size_t i = 0; i < book.prospects.size(); ++i) ix.prospect_by_id.emplace(book.prospects[i].id, i);

    // Books are usually written in order (an organisation's invoices together, payments in
    // invoice order): trying the previous match and its successor first skips most hash lookups.
    auto locate = [](const auto& items, const auto& by_id, std::size_t& hint, const std::string& id) -> std::size_t {
        for (std::size_t guess : {hint, hint + 1})
            if (guess < items.size() && items[guess].id == id) return hint = guess;
        auto it = by_id.find(id);
        if (it == by_id.end()) return items.size();
        return hint = it->second;
    };

    ix.paid_by_invoice.assign(book.invoices.size(), 0);
    ix.payments_by_invoice.assign(book.invoices.size(), {});
    std::size_t hint = 0;
    for (const Payment& p : book.payments) {
        std::size_t i = locate(book.invoices, ix.invoice_by_id, hint, p.invoice);
        if (i == book.invoices.size()) continue;  // a payment for no known invoice counts nowhere
        // With duplicate ids the hint may land on a later duplicate: the first record wins.
        if (ix.invoice_by_id.size() != book.invoices.size()) i = ix.invoice_by_id.at(p.invoice);
        ix.paid_by_invoice[i] += p.amount;
        ix.payments_by_invoice[i].emplace_back(p.date, p.amount);
    }

    ix.invoices_by_org.assign(book.organisations.size(), {});
    hint = 0;
    for (std::size_t i = 0; i < book.invoices.size(); ++i) {
        std::size_t o = locate(book.organisations, ix.org_by_id, hint, book.invoices[i].org);
        if (o == book.organisations.size()) continue;
        if (ix.org_by_id.size() != book.organisations.size()) o = ix.org_by_id.at(book.invoices[i].org);
        ix.invoices_by_org[o].push_back(i);
    }
    return ix;
}

// [SECTION] Invoices ---------------------------------------------------------------------------

namespace {
std::int64_t paid_at(const BookIndex& index, std::size_t i, Date on) {
    if (i >= index.payments_by_invoice.size()) return 0;
    std::int64_t paid = 0;
    for (const auto& [date, amount] : index.payments_by_invoice[i])
        if (date <= on) paid += amount;
    return paid;
}

const std::size_t* find_invoice(const Invoice& invoice, const BookIndex& index) {
    auto it = index.invoice_by_id.find(invoice.id);
    return it == index.invoice_by_id.end() || it->second >= index.paid_by_invoice.size() ? nullptr : &it->second;
}
}  // namespace

std::int64_t invoice_total(const Invoice& invoice) {
    std::int64_t total = 0;
    for (const InvoiceLine& l : invoice.lines) total += l.amount;
    return total;
}

std::int64_t invoice_paid(const Invoice& invoice, const BookIndex& index) {
    const std::size_t* i = find_invoice(invoice, index);
    return i ? index.paid_by_invoice[*i] : 0;
}

std::int64_t invoice_paid_as_of(const Invoice& invoice, const BookIndex& index, Date on) {
    const std::size_t* i = find_invoice(invoice, index);
    return i ? paid_at(index, *i, on) : 0;
}

std::int64_t invoice_outstanding(const Invoice& invoice, const BookIndex& index, Date on) {
    std::int64_t left = invoice_total(invoice) - invoice_paid_as_of(invoice, index, on);
    return left > 0 ? left : 0;
}

InvoiceStatus invoice_status(const Invoice& invoice, const BookIndex& index, Date on) {
    if (invoice.state == InvoiceState::Void) return InvoiceStatus::Void;
    if (invoice.state == InvoiceState::Draft) return InvoiceStatus::Draft;
    std::int64_t paid = invoice_paid_as_of(invoice, index, on);
    if (paid >= invoice_total(invoice)) return InvoiceStatus::Paid;  // overpayment counts as paid
    if (on > invoice.due) return InvoiceStatus::Overdue;             // the due day itself is not late
    return paid > 0 ? InvoiceStatus::PartlyPaid : InvoiceStatus::Sent;
}

// [SECTION] Membership -------------------------------------------------------------------------

MembershipStatus membership_status(const Organisation& org, const Book& book, const BookIndex& index,
                                   const Catalog& catalog, Date on) {
    if (!org.tier) return MembershipStatus::Prospect;
    // Cancellation wins over everything: a payment after it is recorded but revives nothing.
    if (org.cancelled_on && *org.cancelled_on <= on) return MembershipStatus::Cancelled;
    if (org.member_since && *org.member_since > on) return MembershipStatus::Pending;

    // The organisation's position: by address when it is the book's own record (no hashing),
    // else by id. With repeated ids always by id: every record with that id shares the first
    // record's invoices (reports.hpp's membership_statuses counts them the same way).
    std::size_t pos = book.organisations.size();
    const std::less<const Organisation*> before;
    if (index.org_by_id.size() == book.organisations.size() && !book.organisations.empty() && !before(&org, book.organisations.data()) &&
        before(&org, book.organisations.data() + book.organisations.size()))
        pos = static_cast<std::size_t>(&org - book.organisations.data());
    if (pos < book.organisations.size() && book.organisations[pos].id != org.id) pos = book.organisations.size();
    if (pos == book.organisations.size()) {
        auto it = index.org_by_id.find(org.id);
        if (it != index.org_by_id.end()) pos = it->second;
    }
    if (pos >= index.invoices_by_org.size()) return MembershipStatus::Current;

    const int grace = catalog.rules.grace_days;
    bool lapsed = false, late = false, joining_unpaid = false;
    for (std::size_t i : index.invoices_by_org[pos]) {
        const Invoice& inv = book.invoices[i];
        // Drafts were never sent and voided invoices are cancelled: neither is owed. An invoice
        // issued after `on` does not exist yet on that day.
        if (inv.state != InvoiceState::Sent || inv.issued > on) continue;
        if (paid_at(index, i, on) >= invoice_total(inv)) continue;
        if (on > inv.due.add_days(grace)) lapsed = true;
        else if (on > inv.due) late = true;
        // The invoice for the joining year still unpaid: the membership has not started yet.
        if (org.member_since && inv.membership_year && *inv.membership_year == org.member_since->year())
            joining_unpaid = true;
    }
    if (lapsed) return MembershipStatus::Lapsed;
    if (joining_unpaid) return MembershipStatus::Pending;
    if (late) return MembershipStatus::Grace;
    return MembershipStatus::Current;
}

bool in_good_standing(MembershipStatus s) { return s == MembershipStatus::Current || s == MembershipStatus::Grace; }

}  // namespace portal
