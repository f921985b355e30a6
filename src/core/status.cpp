// Derived invoice and membership status (docs/status.md has the rules in plain words).
#include "core/status.hpp"

#include <cstring>
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

// [SECTION] Id index ---------------------------------------------------------------------------

namespace {
// Eight bytes at a time, then splitmix64's finalizer so that ids differing only in their last
// digits spread over the table. (Byte-wise FNV-1a was one dependent multiply per character: the
// top cost of every lookup in a 600,000-invoice book.) Only ever compared within one process.
std::uint64_t hash_id(std::string_view s) {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    }
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31);
}
}  // namespace

void IdIndex::clear_for(std::size_t n, std::size_t chars) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;  // load factor at most 1/2
    mask_ = cap - 1;
    slots_.assign(cap, 0);
    entries_.clear();
    entries_.reserve(n);
    chars_.clear();
    chars_.reserve(chars);
}

void IdIndex::rehash(std::size_t cap) {
    mask_ = cap - 1;
    slots_.assign(cap, 0);
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        const std::uint64_t h = hash_id(key(entries_[e]));
        std::size_t at = h & mask_;
        while (slots_[at]) at = (at + 1) & mask_;
        slots_[at] = (h & ~0xffffffffULL) | (e + 1);
    }
}

void IdIndex::reserve(std::size_t n) {
    entries_.reserve(n);
    chars_.reserve(16 * n);
    std::size_t cap = slots_.empty() ? 16 : slots_.size();
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) rehash(cap);
}

bool IdIndex::insert(std::string_view id, std::size_t pos) {
    if (2 * (entries_.size() + 1) > slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    const std::uint64_t h = hash_id(id), tag = h & ~0xffffffffULL;
    std::size_t at = h & mask_;
    while (const std::uint64_t slot = slots_[at]) {
        if ((slot & ~0xffffffffULL) == tag) {
            const Entry& entry = entries_[(slot & 0xffffffffULL) - 1];
            if (entry.len == id.size() && key(entry) == id) return false;  // a repeated id: the first record wins
        }
        at = (at + 1) & mask_;
    }
    entries_.push_back(Entry{pos, static_cast<std::uint32_t>(chars_.size()), static_cast<std::uint32_t>(id.size())});
    chars_.append(id);
    slots_[at] = tag | entries_.size();
    return true;
}

const IdIndex::Entry* IdIndex::find(std::string_view id) const {
    if (slots_.empty()) return nullptr;
    const std::uint64_t h = hash_id(id), tag = h & ~0xffffffffULL;
    std::size_t at = h & mask_;
    while (const std::uint64_t slot = slots_[at]) {
        if ((slot & ~0xffffffffULL) == tag) {
            const Entry& entry = entries_[(slot & 0xffffffffULL) - 1];
            if (entry.len == id.size() && std::memcmp(chars_.data() + entry.off, id.data(), id.size()) == 0) return &entry;
        }
        at = (at + 1) & mask_;
    }
    return nullptr;
}

// [SECTION] Index ------------------------------------------------------------------------------

namespace {

// Fills `g` from owner[i] (the group of item i, or `none`): counted, then placed, so each group
// keeps its items in book order.
template <class T, class Make>
void fill_groups(Groups<T>& g, std::size_t groups, const std::vector<std::uint32_t>& owner, std::uint32_t none, Make make) {
    g.start.assign(groups + 1, 0);
    for (std::uint32_t o : owner)
        if (o != none) ++g.start[o + 1];
    for (std::size_t i = 0; i < groups; ++i) g.start[i + 1] += g.start[i];
    g.items.resize(g.start[groups]);
    std::vector<std::uint32_t> next(g.start.begin(), g.start.end() - 1);
    for (std::size_t i = 0; i < owner.size(); ++i)
        if (owner[i] != none) g.items[next[owner[i]]++] = make(i);
}

}  // namespace

BookIndex index_book(const Book& book) {
    BookIndex ix;
    // With duplicate ids (a broken import) the first record wins, consistently everywhere.
    ix.org_by_id.build(book.organisations.size(), [&](std::size_t i) -> const std::string& { return book.organisations[i].id; });
    ix.invoice_by_id.build(book.invoices.size(), [&](std::size_t i) -> const std::string& { return book.invoices[i].id; });
    ix.prospect_by_id.build(book.prospects.size(), [&](std::size_t i) -> const std::string& { return book.prospects[i].id; });

    // Books are usually written in order (an organisation's invoices together, payments in
    // invoice order): trying the previous match and its successor first skips most hash lookups.
    // With repeated ids the hint may land on a later duplicate: then always the table (first wins).
    // When the guesses keep missing (a book sorted by date), they are skipped for a while: each
    // costs a string compare in memory the table lookup does not touch.
    int skip_guesses = 0;
    auto locate = [&skip_guesses](const auto& items, const IdIndex& by_id, std::size_t& hint, const std::string& id) -> std::uint32_t {
        const std::uint32_t none = static_cast<std::uint32_t>(items.size());
        if (by_id.size() == items.size() && skip_guesses-- <= 0) {
            for (std::size_t guess : {hint, hint + 1})
                if (guess < items.size() && items[guess].id == id) {
                    skip_guesses = 0;
                    return static_cast<std::uint32_t>(hint = guess);
                }
            skip_guesses = 32;
        }
        const IdIndex::Entry* e = by_id.find(id);
        if (!e) return none;
        hint = e->second;
        return static_cast<std::uint32_t>(e->second);
    };

    const std::uint32_t no_invoice = static_cast<std::uint32_t>(book.invoices.size());
    std::vector<std::uint32_t> owner(book.payments.size());
    ix.paid_by_invoice.assign(book.invoices.size(), 0);
    std::size_t hint = 0;
    for (std::size_t k = 0; k < book.payments.size(); ++k) {
        const Payment& p = book.payments[k];
        owner[k] = locate(book.invoices, ix.invoice_by_id, hint, p.invoice);  // unknown invoice: counts nowhere
        if (owner[k] != no_invoice) ix.paid_by_invoice[owner[k]] += p.amount;
    }
    fill_groups(ix.payments_by_invoice, book.invoices.size(), owner, no_invoice, [&](std::size_t k) {
        return std::pair<Date, std::int64_t>(book.payments[k].date, book.payments[k].amount);
    });

    const std::uint32_t no_org = static_cast<std::uint32_t>(book.organisations.size());
    owner.resize(book.invoices.size());
    hint = 0;
    skip_guesses = 0;
    for (std::size_t i = 0; i < book.invoices.size(); ++i)
        owner[i] = locate(book.organisations, ix.org_by_id, hint, book.invoices[i].org);
    fill_groups(ix.invoices_by_org, book.organisations.size(), owner, no_org,
                [](std::size_t i) { return static_cast<std::uint32_t>(i); });
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
