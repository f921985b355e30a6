// The compact binary encoding of a typed Book ("portal-book-bin/1"), used for snapshots
// (docs/storage.md): JSON stays the exchange and export format, but a snapshot is read back many
// times more often than it is written, and decoding this takes a small fraction of the time of
// parsing and validating the same book as JSON text.
//
// Encoding (little-endian, no alignment): unsigned integers and lengths are LEB128 varints,
// signed ones zigzag varints, strings a length then the bytes, optionals a 0/1 byte then the
// value, vectors a count then the items, doubles their 8 IEEE-754 bytes, Json values their
// compact text (length 0: null), records their fields in the order of `fields()` below, and the
// book starts with the 4 bytes "PBB1". Integrity is the snapshot file's business (size + CRC-32).
//
// `fields()` is the one list of a record's members: the codec and `same()` (the sync merge's
// fast equality) both walk it. A member added to a record in model.hpp must be added here too;
// the round-trip test on a synthetic book (tests/store/test_book_codec.cpp) fails otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/model.hpp"

namespace portal::store {

// [SECTION] The members of each record -------------------------------------------------------

#define PORTAL_RECORD_FIELDS(Type, ...)                                                     \
    template <class R, std::enable_if_t<std::is_same_v<std::remove_const_t<R>, Type>, int> = 0> \
    auto fields(R& r) {                                                                     \
        return std::tie(__VA_ARGS__);                                                       \
    }

PORTAL_RECORD_FIELDS(Contact, r.name, r.email, r.role, r.extra)
PORTAL_RECORD_FIELDS(Organisation, r.id, r.name, r.type, r.commercial, r.country, r.tier, r.member_since,
                     r.cancelled_on, r.listed, r.contacts, r.notes, r.updated, r.extra)
PORTAL_RECORD_FIELDS(Seat, r.id, r.org, r.person, r.term_start, r.term_end, r.extra)
PORTAL_RECORD_FIELDS(InvoiceLine, r.description, r.amount, r.extra)
PORTAL_RECORD_FIELDS(Invoice, r.id, r.number, r.org, r.issued, r.due, r.currency, r.lines, r.state,
                     r.membership_year, r.tier, r.reminders_sent, r.extra)
PORTAL_RECORD_FIELDS(Payment, r.id, r.invoice, r.date, r.amount, r.method, r.extra)
PORTAL_RECORD_FIELDS(Prospect, r.id, r.name, r.type, r.country, r.stage, r.expected_tier, r.probability,
                     r.next_action, r.next_action_date, r.notes, r.application, r.extra)
PORTAL_RECORD_FIELDS(AuditEntry, r.seq, r.at, r.who, r.summary, r.action)
PORTAL_RECORD_FIELDS(Committees, r.ec, r.oc, r.trc)
PORTAL_RECORD_FIELDS(Book, r.organisations, r.committees, r.invoices, r.payments, r.prospects, r.audit, r.extra)

#undef PORTAL_RECORD_FIELDS

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T, class = void>
struct is_record : std::false_type {};
template <class T>
struct is_record<T, std::void_t<decltype(fields(std::declval<T&>()))>> : std::true_type {};

// [SECTION] Equality over the same list ------------------------------------------------------

template <class T>
bool same(const T& a, const T& b);

namespace detail {
template <class Tuple, std::size_t... I>
bool same_fields(const Tuple& a, const Tuple& b, std::index_sequence<I...>) {
    return (same(std::get<I>(a), std::get<I>(b)) && ...);
}
}  // namespace detail

// Member-wise equality of two records (or values): equal records write the same JSON.
template <class T>
bool same(const T& a, const T& b) {
    if constexpr (is_record<T>::value) {
        auto fa = fields(a), fb = fields(b);
        return detail::same_fields(fa, fb, std::make_index_sequence<std::tuple_size_v<decltype(fa)>>{});
    } else if constexpr (is_vector<T>::value) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    } else if constexpr (is_optional<T>::value) {
        if (a.has_value() != b.has_value()) return false;
        return !a || same(*a, *b);
    } else {
        return a == b;
    }
}

// [SECTION] The book as bytes ----------------------------------------------------------------

inline constexpr const char* kBookBinaryEncoding = "portal-book-bin/1";

std::string encode_book(const Book& book);
// false with a plain message when the bytes are not a whole portal-book-bin/1 book.
bool decode_book(std::string_view bytes, Book& out, std::string& error);

}  // namespace portal::store
