// Derived state: invoice status and membership status are computed from dates and payments,
// never stored by hand (issue 4).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>  // kept: includers rely on it
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace portal {

enum class InvoiceStatus { Draft, Sent, PartlyPaid, Paid, Overdue, Void };
enum class MembershipStatus { Prospect, Pending, Current, Grace, Lapsed, Cancelled };

const char* to_string(InvoiceStatus s);
const char* to_string(MembershipStatus s);

// Id -> position of the first record with that id (duplicates: the first wins). An
// open-addressing table over one buffer holding a copy of the ids: no allocation per record, and
// it stays safe to use when the book changes or moves (positions may then be stale: re-index per
// book version). Map-like on purpose: `find(id)` returns end() or an entry whose `second` is the
// position, so callers read it like the std::unordered_map it replaces.
class IdIndex {
public:
    struct Entry {
        std::size_t second = 0;   // the position in the book's vector
        std::uint32_t off = 0, len = 0;  // the id in the buffer
    };
    using const_iterator = const Entry*;

    IdIndex() = default;
    // A set of ids (positions 0, 1, ... in list order), for tests and small tables.
    IdIndex(std::initializer_list<std::string_view> ids) {
        for (std::string_view id : ids) insert(id, entries_.size());
    }

    // Indexes key_of(0) .. key_of(n - 1) (each a std::string_view or a std::string).
    template <class KeyOf>
    void build(std::size_t n, KeyOf key_of) {
        // Room for ids of 16 characters (the buffer grows past that): a pass to sum the exact
        // sizes would read every record once more, and records are far apart in memory.
        clear_for(n, 16 * n);
        for (std::size_t i = 0; i < n; ++i) insert(key_of(i), i);
    }
    // Room for `n` ids of about 16 characters without rehashing (the table keeps its contents).
    void reserve(std::size_t n);
    // Adds `id` at `pos` unless already present (then the first stays); false when present.
    bool insert(std::string_view id, std::size_t pos);
    const Entry* find(std::string_view id) const;
    const Entry* end() const { return nullptr; }
    std::size_t count(std::string_view id) const { return find(id) ? 1 : 0; }
    std::size_t size() const { return entries_.size(); }  // distinct ids
    bool empty() const { return entries_.empty(); }
    std::string_view key(const Entry& e) const { return std::string_view(chars_).substr(e.off, e.len); }

private:
    void clear_for(std::size_t n, std::size_t chars);
    void rehash(std::size_t cap);
    std::string chars_;
    std::vector<Entry> entries_;
    // Per slot: entry index + 1 in the low 32 bits (0: empty), the id's hash in the high 32, so a
    // lookup that misses rarely leaves this array.
    std::vector<std::uint64_t> slots_;
    std::size_t mask_ = 0;
};

// A set of ids (GovernanceContext's seat holders and members in good standing): IdIndex without
// the positions. `count(id)` is 1 or 0 as for std::unordered_set.
class IdSet {
public:
    IdSet() = default;
    IdSet(std::initializer_list<std::string_view> ids) : ix_(ids) {}
    bool insert(std::string_view id) { return ix_.insert(id, ix_.size()); }
    void reserve(std::size_t n) { ix_.reserve(n); }
    std::size_t count(std::string_view id) const { return ix_.count(id); }
    std::size_t size() const { return ix_.size(); }
    bool empty() const { return ix_.empty(); }

private:
    IdIndex ix_;
};

// Items grouped by a position (compressed rows: one array of items, one of start offsets).
// `groups[i]` is a read-only range over the items of group i, in the order they were added.
template <class T>
class Groups {
public:
    class Range {
    public:
        Range(const T* b, const T* e) : b_(b), e_(e) {}
        const T* begin() const { return b_; }
        const T* end() const { return e_; }
        std::size_t size() const { return static_cast<std::size_t>(e_ - b_); }
        bool empty() const { return b_ == e_; }
        const T& operator[](std::size_t i) const { return b_[i]; }
        template <class U>
        friend bool operator==(const Range& r, const std::vector<U>& v) {
            if (r.size() != v.size()) return false;
            for (std::size_t i = 0; i < v.size(); ++i)
                if (!(r.b_[i] == v[i])) return false;
            return true;
        }

    private:
        const T* b_;
        const T* e_;
    };
    std::size_t size() const { return start.empty() ? 0 : start.size() - 1; }
    Range operator[](std::size_t i) const { return Range(items.data() + start[i], items.data() + start[i + 1]); }

    std::vector<std::uint32_t> start;  // size() + 1 offsets into items
    std::vector<T> items;
};

// Lookups built once per book version; every derived-state function takes one, so a screen or a
// report over 100,000 organisations does no quadratic search.
struct BookIndex {
    IdIndex org_by_id;
    IdIndex invoice_by_id;
    IdIndex prospect_by_id;
    std::vector<std::int64_t> paid_by_invoice;               // parallel to book.invoices
    Groups<std::uint32_t> invoices_by_org;                   // parallel to book.organisations
    // Payments per invoice as (date, amount), parallel to book.invoices: status "on" a date
    // counts only the payments made on or before that date.
    Groups<std::pair<Date, std::int64_t>> payments_by_invoice;
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
// The same answer without an index, by scanning the book's invoices and payments once: for one
// organisation (a seat change), where building the index would cost far more.
MembershipStatus membership_status_alone(const Organisation& org, const Book& book, const Catalog& catalog, Date on);
// The rules (and every edge: future start, grace, cancellation, overpayment) are in docs/status.md.
// Rights hold while current or in grace (catalog rules.grace_days after a due date).
bool in_good_standing(MembershipStatus s);

}  // namespace portal
