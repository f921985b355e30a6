// The book index (book_index.hpp): id tables, chains of records by owner, and the one routine
// that indexes the records appended to a book, from scratch (index_book) or after an action.
#include "core/book_index.hpp"

#include <algorithm>
#include <cstring>

namespace portal {

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

namespace {
std::uint64_t tag_of(std::uint64_t h) { return h & ~0xffffffffULL; }
}  // namespace

// A slot's home is the top bits of its tag (the hash's high half), so growing the table places
// every slot again from its tag alone: no id is read or hashed again, and the old slots, read in
// order, land in nearly ascending new slots (a renewal growing a 600,000-invoice table).
std::size_t IdIndex::home(std::uint64_t tag) const { return static_cast<std::size_t>(tag >> 32 >> shift_); }

void IdIndex::set_capacity(std::size_t cap) {
    std::vector<std::uint64_t> old(cap, 0);
    old.swap(slots_);
    mask_ = cap - 1;
    shift_ = 32;
    for (std::size_t c = cap; c > 1; c >>= 1) --shift_;
    for (std::uint64_t slot : old) {
        if (!slot) continue;
        std::size_t at = home(tag_of(slot));
        while (slots_[at]) at = (at + 1) & mask_;
        slots_[at] = slot;
    }
}

void IdIndex::clear_for(std::size_t n, std::size_t chars) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;  // load factor at most 1/2
    slots_.clear();
    set_capacity(cap);
    entries_.clear();
    entries_.reserve(n);
    chars_.clear();
    chars_.reserve(chars);
}

void IdIndex::reserve(std::size_t n) {
    // Geometric: a kept index reserves for one more record at a time.
    if (n > entries_.capacity()) entries_.reserve(std::max(n, 2 * entries_.capacity()));
    if (16 * n > chars_.capacity()) chars_.reserve(std::max(16 * n, 2 * chars_.capacity()));
    std::size_t cap = slots_.empty() ? 16 : slots_.size();
    while (cap < 2 * n) cap <<= 1;
    if (cap > slots_.size()) set_capacity(cap);
}

bool IdIndex::insert(std::string_view id, std::size_t pos) {
    if (2 * (entries_.size() + 1) > slots_.size()) set_capacity(slots_.empty() ? 16 : 2 * slots_.size());
    const std::uint64_t tag = tag_of(hash_id(id));
    std::size_t at = home(tag);
    while (const std::uint64_t slot = slots_[at]) {
        if (tag_of(slot) == tag) {
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
    const std::uint64_t tag = tag_of(hash_id(id));
    std::size_t at = home(tag);
    while (const std::uint64_t slot = slots_[at]) {
        if (tag_of(slot) == tag) {
            const Entry& entry = entries_[(slot & 0xffffffffULL) - 1];
            if (entry.len == id.size() && std::memcmp(chars_.data() + entry.off, id.data(), id.size()) == 0) return &entry;
        }
        at = (at + 1) & mask_;
    }
    return nullptr;
}

bool operator==(const IdIndex& a, const IdIndex& b) {
    if (a.size() != b.size()) return false;
    for (const IdIndex::Entry& e : a.entries_) {
        const IdIndex::Entry* f = b.find(a.key(e));
        if (!f || f->second != e.second) return false;
    }
    return true;
}

// [SECTION] Chains -----------------------------------------------------------------------------

void Chains::reserve(std::size_t owners, std::size_t items) {
    head_.reserve(owners);
    tail_.reserve(owners);
    owner_.reserve(items);
    next_.reserve(items);
}

void Chains::link(std::uint32_t owner, std::uint32_t item) {
    owner_[item] = owner;
    if (tail_[owner] == kNone) head_[owner] = item;
    else next_[tail_[owner]] = item;
    tail_[owner] = item;
}

void Chains::assign(std::size_t owners, std::vector<std::uint32_t> owner_of) {
    owner_ = std::move(owner_of);
    head_.assign(owners, kNone);
    tail_.assign(owners, kNone);
    next_.assign(owner_.size(), kNone);
    for (std::size_t k = owner_.size(); k-- > 0;) {  // backwards: each item goes in front
        const std::uint32_t o = owner_[k];
        if (o == kNone) continue;
        if (head_[o] == kNone) tail_[o] = static_cast<std::uint32_t>(k);
        else next_[k] = head_[o];
        head_[o] = static_cast<std::uint32_t>(k);
    }
}

bool operator==(const Chains& a, const Chains& b) {
    if (a.size() != b.size() || a.owner_ != b.owner_) return false;
    for (std::size_t o = 0; o < a.size(); ++o) {
        auto x = a[o].begin(), y = b[o].begin();
        for (; x != a[o].end() && y != b[o].end(); ++x, ++y)
            if (*x != *y) return false;
        if (x != a[o].end() || y != b[o].end()) return false;
    }
    return true;
}

// [SECTION] Index ------------------------------------------------------------------------------

namespace {

std::int64_t lines_total(const Invoice& inv) {
    std::int64_t t = 0;
    for (const InvoiceLine& l : inv.lines) t = saturating_add(t, l.amount);
    return t;
}


// The position of the first record with `id` in `items`, or Chains::kNone.
// Books are usually written in order (an organisation's invoices together, payments in invoice
// order, renewals in organisation order): trying the previous match and its successor first
// skips most hash lookups. With repeated ids the hint may land on a later duplicate: then always
// the table (first wins). When the guesses keep missing (a book sorted by date), they are skipped
// for a while: each costs a string compare in memory the table lookup does not touch.
template <class Record>
class Locator {
public:
    Locator(const std::vector<Record>& items, const IdIndex& by_id) : items_(items), by_id_(by_id) {}
    std::uint32_t operator()(const std::string& id) {
        if (by_id_.size() == items_.size() && skip_guesses_-- <= 0) {
            for (std::size_t guess : {hint_, hint_ + 1})
                if (guess < items_.size() && items_[guess].id == id) {
                    skip_guesses_ = 0;
                    return static_cast<std::uint32_t>(hint_ = guess);
                }
            skip_guesses_ = 32;
        }
        const IdIndex::Entry* e = by_id_.find(id);
        if (!e) return Chains::kNone;
        hint_ = e->second;
        return static_cast<std::uint32_t>(e->second);
    }

private:
    const std::vector<Record>& items_;
    const IdIndex& by_id_;
    std::size_t hint_ = 0;
    int skip_guesses_ = 0;
};

// Links the orphans whose owner `owner_of` now finds (owners just added), in book order, and keeps
// the rest; `adopted(item, owner)` is told of each.
template <class OwnerOf, class Adopted>
void adopt(std::vector<std::uint32_t>& orphans, Chains& chains, OwnerOf owner_of, Adopted adopted) {
    std::size_t kept = 0;
    for (std::uint32_t item : orphans) {
        const std::uint32_t owner = owner_of(item);
        if (owner == Chains::kNone) {
            orphans[kept++] = item;
            continue;
        }
        chains.link(owner, item);
        adopted(item, owner);
    }
    orphans.resize(kept);
}

}  // namespace

void index_appended(BookIndex& ix, const Book& book) {
    const std::size_t no = book.organisations.size(), ni = book.invoices.size(), np = book.payments.size(),
                      nq = book.prospects.size();
    if (no < ix.organisations() || ni < ix.invoices() || np < ix.payments() || nq < ix.prospects) ix = BookIndex{};
    const std::size_t o0 = ix.organisations(), i0 = ix.invoices(), p0 = ix.payments(), q0 = ix.prospects;

    // Organisations, invoices, payments in that order: each looks its owner up among all the
    // owners, old and new, and an orphan of an earlier call is adopted by an owner added now.
    ix.prospect_by_id.reserve(nq);
    for (std::size_t q = q0; q < nq; ++q) ix.prospect_by_id.insert(book.prospects[q].id, q);
    ix.prospects = nq;

    ix.org_by_id.reserve(no);
    if (o0 == 0) ix.invoices_by_org.reserve(no, ni);
    for (std::size_t o = o0; o < no; ++o) {
        ix.org_by_id.insert(book.organisations[o].id, o);
        ix.invoices_by_org.add_owner();
    }
    auto org_of = [&](std::uint32_t i) {
        const IdIndex::Entry* e = ix.org_by_id.find(book.invoices[i].org);
        return e ? static_cast<std::uint32_t>(e->second) : Chains::kNone;
    };
    if (no > o0 && !ix.orphan_invoices.empty()) adopt(ix.orphan_invoices, ix.invoices_by_org, org_of, [](auto, auto) {});

    ix.invoice_by_id.reserve(ni);
    if (i0 == 0) ix.payments_by_invoice.reserve(ni, np);
    ix.paid_by_invoice.resize(ni, 0);
    Locator<Organisation> locate_org(book.organisations, ix.org_by_id);
    for (std::size_t i = i0; i < ni; ++i) {
        const Invoice& inv = book.invoices[i];
        ix.invoiced_total = saturating_add(ix.invoiced_total, lines_total(inv));
        ix.invoice_by_id.insert(inv.id, i);
        ix.payments_by_invoice.add_owner();
        ix.invoices_by_org.add_item();
        const std::uint32_t o = locate_org(inv.org);
        if (o != Chains::kNone) ix.invoices_by_org.link(o, static_cast<std::uint32_t>(i));
        else ix.orphan_invoices.push_back(static_cast<std::uint32_t>(i));
    }
    auto invoice_of = [&](std::uint32_t k) {
        const IdIndex::Entry* e = ix.invoice_by_id.find(book.payments[k].invoice);
        return e ? static_cast<std::uint32_t>(e->second) : Chains::kNone;
    };
    auto count_paid = [&](std::uint32_t k, std::uint32_t i) { ix.paid_by_invoice[i] += book.payments[k].amount; };
    if (ni > i0 && !ix.orphan_payments.empty()) adopt(ix.orphan_payments, ix.payments_by_invoice, invoice_of, count_paid);

    if (p0 == 0) ix.payment_facts.reserve(np);
    Locator<Invoice> locate_invoice(book.invoices, ix.invoice_by_id);
    for (std::size_t k = p0; k < np; ++k) {
        const Payment& p = book.payments[k];
        ix.paid_total = saturating_add(ix.paid_total, p.amount);
        ix.payments_by_invoice.add_item();
        ix.payment_facts.emplace_back(p.date, p.amount);
        const std::uint32_t i = locate_invoice(p.invoice);
        if (i == Chains::kNone) {
            ix.orphan_payments.push_back(static_cast<std::uint32_t>(k));  // counts nowhere until its invoice comes
            continue;
        }
        ix.payments_by_invoice.link(i, static_cast<std::uint32_t>(k));
        ix.paid_by_invoice[i] += p.amount;
    }
}

// From scratch: the same index as index_appended on an empty one (tests compare the two), built
// with each record's owner found first and the chains made in one backward pass: on a book sorted
// by date (owners in random order) that is a third cheaper than linking record by record.
BookIndex index_book(const Book& book) {
    BookIndex ix;
    const std::size_t no = book.organisations.size(), ni = book.invoices.size(), np = book.payments.size();
    ix.prospect_by_id.build(book.prospects.size(), [&](std::size_t q) -> const std::string& { return book.prospects[q].id; });
    ix.prospects = book.prospects.size();
    ix.org_by_id.build(no, [&](std::size_t o) -> const std::string& { return book.organisations[o].id; });
    ix.invoice_by_id.build(ni, [&](std::size_t i) -> const std::string& { return book.invoices[i].id; });

    std::vector<std::uint32_t> owner(ni);
    Locator<Organisation> locate_org(book.organisations, ix.org_by_id);
    for (const Invoice& inv : book.invoices) ix.invoiced_total = saturating_add(ix.invoiced_total, lines_total(inv));
    for (std::size_t i = 0; i < ni; ++i)
        if ((owner[i] = locate_org(book.invoices[i].org)) == Chains::kNone) ix.orphan_invoices.push_back(static_cast<std::uint32_t>(i));
    ix.invoices_by_org.assign(no, std::move(owner));

    owner.assign(np, Chains::kNone);
    ix.paid_by_invoice.assign(ni, 0);
    ix.payment_facts.reserve(np);
    Locator<Invoice> locate_invoice(book.invoices, ix.invoice_by_id);
    for (std::size_t k = 0; k < np; ++k) {
        const Payment& p = book.payments[k];
        ix.paid_total = saturating_add(ix.paid_total, p.amount);
        ix.payment_facts.emplace_back(p.date, p.amount);
        if ((owner[k] = locate_invoice(p.invoice)) == Chains::kNone) ix.orphan_payments.push_back(static_cast<std::uint32_t>(k));
        else ix.paid_by_invoice[owner[k]] += p.amount;
    }
    ix.payments_by_invoice.assign(ni, std::move(owner));
    return ix;
}

bool operator==(const BookIndex& a, const BookIndex& b) {
    return a.org_by_id == b.org_by_id && a.invoice_by_id == b.invoice_by_id && a.prospect_by_id == b.prospect_by_id &&
           a.paid_by_invoice == b.paid_by_invoice && a.invoices_by_org == b.invoices_by_org &&
           a.payments_by_invoice == b.payments_by_invoice && a.payment_facts == b.payment_facts &&
           a.prospects == b.prospects && a.orphan_invoices == b.orphan_invoices && a.orphan_payments == b.orphan_payments &&
           a.invoiced_total == b.invoiced_total && a.paid_total == b.paid_total;
}

}  // namespace portal
