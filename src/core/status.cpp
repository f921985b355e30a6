// Derived invoice and membership status (docs/status.md has the rules in plain words).
#include "core/status.hpp"

#include <functional>
#include <optional>

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

// [SECTION] Invoices ---------------------------------------------------------------------------

namespace {
std::int64_t paid_at(const BookIndex& index, std::size_t i, Date on) {
    if (i >= index.payments_by_invoice.size()) return 0;
    std::int64_t paid = 0;
    for (std::uint32_t k : index.payments_by_invoice[i]) {
        const auto& [date, amount] = index.payment_facts[k];
        if (date <= on) paid += amount;
    }
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

namespace {

// What membership_status decides before looking at invoices; nullopt: the invoices decide.
std::optional<MembershipStatus> status_from_dates(const Organisation& org, Date on) {
    if (!org.tier) return MembershipStatus::Prospect;
    // Cancellation wins over everything: a payment after it is recorded but revives nothing.
    if (org.cancelled_on && *org.cancelled_on <= on) return MembershipStatus::Cancelled;
    if (org.member_since && *org.member_since > on) return MembershipStatus::Pending;
    return std::nullopt;
}

// The invoices' part: `each(f)` calls f(invoice, paid on or before `on`) for every invoice of the
// organisation. Shared by the indexed and the one-organisation paths so they cannot drift apart.
template <class Each>
MembershipStatus status_from_invoices(const Organisation& org, const Catalog& catalog, Date on, Each each) {
    const int grace = catalog.rules.grace_days;
    bool lapsed = false, late = false, joining_unpaid = false;
    each([&](const Invoice& inv, std::int64_t paid) {
        // Drafts were never sent and voided invoices are cancelled: neither is owed. An invoice
        // issued after `on` does not exist yet on that day.
        if (inv.state != InvoiceState::Sent || inv.issued > on) return;
        if (paid >= invoice_total(inv)) return;
        if (on > inv.due.add_days(grace)) lapsed = true;
        else if (on > inv.due) late = true;
        // The invoice for the joining year still unpaid: the membership has not started yet.
        if (org.member_since && inv.membership_year && *inv.membership_year == org.member_since->year())
            joining_unpaid = true;
    });
    if (lapsed) return MembershipStatus::Lapsed;
    if (joining_unpaid) return MembershipStatus::Pending;
    if (late) return MembershipStatus::Grace;
    return MembershipStatus::Current;
}

}  // namespace

MembershipStatus membership_status(const Organisation& org, const Book& book, const BookIndex& index,
                                   const Catalog& catalog, Date on) {
    if (std::optional<MembershipStatus> s = status_from_dates(org, on)) return *s;

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

    return status_from_invoices(org, catalog, on, [&](auto&& f) {
        for (std::size_t i : index.invoices_by_org[pos]) f(book.invoices[i], paid_at(index, i, on));
    });
}

MembershipStatus membership_status_alone(const Organisation& org, const Book& book, const Catalog& catalog, Date on) {
    if (std::optional<MembershipStatus> s = status_from_dates(org, on)) return *s;
    // As the index would group them: an organisation not in the book has no invoices; every
    // invoice naming the id belongs to (the first record with) it; a payment goes to the first
    // invoice with its id, so a later invoice repeating that id sees none.
    bool in_book = false;
    for (const Organisation& o : book.organisations) {
        if (o.id == org.id) {
            in_book = true;
            break;
        }
    }
    if (!in_book) return MembershipStatus::Current;
    std::vector<std::size_t> mine;
    for (std::size_t i = 0; i < book.invoices.size(); ++i)
        if (book.invoices[i].org == org.id) mine.push_back(i);
    std::vector<std::int64_t> paid(mine.size(), 0);
    std::vector<bool> first(mine.size(), true);
    for (std::size_t k = 0; k < mine.size(); ++k)
        for (std::size_t j = 0; j < mine[k] && first[k]; ++j) first[k] = book.invoices[j].id != book.invoices[mine[k]].id;
    for (const Payment& p : book.payments) {
        if (p.date > on) continue;
        for (std::size_t k = 0; k < mine.size(); ++k)
            if (first[k] && p.invoice == book.invoices[mine[k]].id) paid[k] += p.amount;
    }
    return status_from_invoices(org, catalog, on, [&](auto&& f) {
        for (std::size_t k = 0; k < mine.size(); ++k) f(book.invoices[mine[k]], paid[k]);
    });
}

bool in_good_standing(MembershipStatus s) { return s == MembershipStatus::Current || s == MembershipStatus::Grace; }

}  // namespace portal
