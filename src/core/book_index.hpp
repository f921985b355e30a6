// The book's index: id tables and the records grouped by owner (invoices by organisation, payments
// by invoice). Built from scratch by index_book, or kept with the book: the reducer
// (actions.hpp, apply_action with an index) brings it up to date after each action in time
// proportional to what the action added, so a renewal run or a report over 500,000 invoices does
// not first rebuild it. docs/status.md "The book index" says what it holds and when it is rebuilt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace portal {

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

    // The same ids at the same positions (however the tables were filled).
    friend bool operator==(const IdIndex& a, const IdIndex& b);

private:
    void clear_for(std::size_t n, std::size_t chars);
    void set_capacity(std::size_t cap);  // a power of two
    std::size_t home(std::uint64_t tag) const;
    std::string chars_;
    std::vector<Entry> entries_;
    // Per slot: entry index + 1 in the low 32 bits (0: empty), the id's hash in the high 32, so a
    // lookup that misses rarely leaves this array.
    std::vector<std::uint64_t> slots_;
    std::size_t mask_ = 0;
    unsigned shift_ = 32;  // home = the hash's high half >> shift_ (32 - log2 of the capacity)
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

// Items (positions of records: invoices, payments) grouped by owner (an organisation, an invoice),
// each group in book order, appendable in O(1): per owner its first and last item, per item its
// owner and the next item of the group. `chains[o]` is a read-only range over owner o's items.
class Chains {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = std::uint32_t;
        using difference_type = std::ptrdiff_t;
        using pointer = const std::uint32_t*;
        using reference = std::uint32_t;
        Iterator(const std::uint32_t* next, std::uint32_t at) : next_(next), at_(at) {}
        std::uint32_t operator*() const { return at_; }
        Iterator& operator++() {
            at_ = next_[at_];
            return *this;
        }
        bool operator!=(const Iterator& o) const { return at_ != o.at_; }
        bool operator==(const Iterator& o) const { return at_ == o.at_; }

    private:
        const std::uint32_t* next_;
        std::uint32_t at_;
    };

    class Range {
    public:
        Range(const std::uint32_t* next, std::uint32_t first) : next_(next), first_(first) {}
        Iterator begin() const { return Iterator(next_, first_); }
        Iterator end() const { return Iterator(next_, kNone); }
        bool empty() const { return first_ == kNone; }
        std::size_t size() const {  // walks the group
            std::size_t n = 0;
            for (auto it = begin(); it != end(); ++it) ++n;
            return n;
        }
        template <class U>
        friend bool operator==(const Range& r, const std::vector<U>& v) {
            std::size_t i = 0;
            for (std::uint32_t item : r)
                if (i >= v.size() || !(static_cast<U>(item) == v[i++])) return false;
            return i == v.size();
        }

    private:
        const std::uint32_t* next_;
        std::uint32_t first_;
    };

    std::size_t size() const { return head_.size(); }    // owners
    std::size_t items() const { return owner_.size(); }  // items, grouped or not
    Range operator[](std::size_t owner) const { return Range(next_.data(), head_[owner]); }
    std::uint32_t owner_of(std::size_t item) const { return owner_[item]; }  // kNone: in no group

    void reserve(std::size_t owners, std::size_t items);
    void add_owner() {
        head_.push_back(kNone);
        tail_.push_back(kNone);
    }
    void add_item() {  // the next item, in no group yet
        owner_.push_back(kNone);
        next_.push_back(kNone);
    }
    // Replaces everything: `owners` groups, item k in group owner_of[k] (kNone: in none).
    void assign(std::size_t owners, std::vector<std::uint32_t> owner_of);
    // Puts an ungrouped item at the end of `owner`'s group: the item must come after every item
    // already there (book order is kept by linking items in increasing position).
    void link(std::uint32_t owner, std::uint32_t item);

    // The same owners holding the same items in the same order.
    friend bool operator==(const Chains& a, const Chains& b);

private:
    std::vector<std::uint32_t> head_, tail_;  // per owner
    std::vector<std::uint32_t> owner_, next_;  // per item
};

// Lookups for one book. Every derived-state function takes one, so a screen or a report over
// 100,000 organisations does no quadratic search. With repeated ids (a broken import) the first
// record wins everywhere: later records with that id own no invoices or payments.
struct BookIndex {
    IdIndex org_by_id;
    IdIndex invoice_by_id;
    IdIndex prospect_by_id;
    std::vector<std::int64_t> paid_by_invoice;  // every payment recorded, parallel to book.invoices
    Chains invoices_by_org;                     // owners: book.organisations; items: book.invoices
    // Owners: book.invoices; items: book.payments. A status "on" a date counts only the payments
    // made on or before it: their (date, amount), parallel to book.payments, so status reads
    // these instead of the payment records.
    Chains payments_by_invoice;
    std::vector<std::pair<Date, std::int64_t>> payment_facts;
    std::size_t prospects = 0;  // how many prospect records are indexed
    // Invoices naming no organisation, payments naming no invoice (book positions, ascending):
    // adopted when a record with that id is added.
    std::vector<std::uint32_t> orphan_invoices, orphan_payments;
    // Every invoice line and every payment summed (saturating; a valid book keeps each within
    // kMaxBookTotal, money.hpp): the reducer checks an action's new money against these.
    std::int64_t invoiced_total = 0, paid_total = 0;

    std::size_t organisations() const { return invoices_by_org.size(); }
    std::size_t invoices() const { return payments_by_invoice.size(); }
    std::size_t payments() const { return payments_by_invoice.items(); }

    // The same lookups and groups (tests compare a kept index with a fresh one).
    friend bool operator==(const BookIndex& a, const BookIndex& b);
    friend bool operator!=(const BookIndex& a, const BookIndex& b) { return !(a == b); }
};

BookIndex index_book(const Book& book);
// Brings `index` up to date with `book` when records were only appended to the book's
// organisations, invoices, payments and prospects since it was made (the only changes an action
// makes to what the index holds): O(records added), plus the orphans when there are any.
// Rebuilds it when the book holds fewer records of a kind than the index describes.
void index_appended(BookIndex& index, const Book& book);

}  // namespace portal
