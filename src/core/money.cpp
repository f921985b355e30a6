#include "core/money.hpp"

#include <cstdint>
#include <cstdlib>

namespace portal {

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
    return r;
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (!__builtin_add_overflow(a, b, &r)) return r;
    return b > 0 ? INT64_MAX : INT64_MIN;
}

bool add_within(std::int64_t& total, std::int64_t amount, std::int64_t limit) {
    std::optional<std::int64_t> sum = checked_add(total, amount);
    if (!sum || *sum > limit) return false;
    total = *sum;
    return true;
}

std::string amount_limit_text(std::int64_t limit) {
    return "over the maximum of " + format_decimal(limit) + " (" + std::to_string(limit) + " minor units)";
}

std::optional<Money> add(const Money& a, const Money& b) {
    if (a.currency != b.currency) return std::nullopt;
    std::optional<std::int64_t> r = checked_add(a.amount, b.amount);
    if (!r) return std::nullopt;
    return Money{*r, a.currency};
}

std::optional<Money> subtract(const Money& a, const Money& b) {
    if (a.currency != b.currency) return std::nullopt;
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a.amount, b.amount, &r)) return std::nullopt;
    return Money{r, a.currency};
}

std::optional<std::int64_t> checked_scale(std::int64_t amount, std::int64_t numerator, std::int64_t denominator) {
    if (denominator <= 0) return std::nullopt;
    // int64 * int64 always fits in __int128; only the quotient may not fit in int64.
    __int128 product = static_cast<__int128>(amount) * numerator;
    __int128 half = denominator / 2;
    __int128 q = product >= 0 ? (product + half) / denominator : -((-product + half) / denominator);
    if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
    return static_cast<std::int64_t>(q);
}

std::int64_t scale_rounded(std::int64_t amount, std::int64_t numerator, std::int64_t denominator) {
    // A share of `amount` (|numerator| <= denominator) always fits; anything else is a caller's bug,
    // answered with 0 rather than a wrapped number.
    return checked_scale(amount, numerator, denominator).value_or(0);
}

std::string format_decimal(std::int64_t minor_units) {
    bool negative = minor_units < 0;
    std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(minor_units) : static_cast<std::uint64_t>(minor_units);
    std::string cents = std::to_string(v % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

std::string format_money(const Money& m) {
    bool negative = m.amount < 0;
    std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(m.amount) : static_cast<std::uint64_t>(m.amount);
    std::string whole = std::to_string(v / 100);
    std::string grouped;
    int count = 0;
    for (auto it = whole.rbegin(); it != whole.rend(); ++it) {
        if (count && count % 3 == 0) grouped.insert(grouped.begin(), ',');
        grouped.insert(grouped.begin(), *it);
        ++count;
    }
    std::string cents = std::to_string(v % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return (negative ? "-" : "") + grouped + "." + cents + " " + m.currency;
}

bool is_currency_code(const std::string& code) {
    if (code.size() != 3) return false;
    for (char c : code)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

}  // namespace portal
