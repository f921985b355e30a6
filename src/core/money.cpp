#include "core/money.hpp"

#include <cstdlib>

namespace portal {

std::optional<Money> add(const Money& a, const Money& b) {
    if (a.currency != b.currency) return std::nullopt;
    return Money{a.amount + b.amount, a.currency};
}

std::optional<Money> subtract(const Money& a, const Money& b) {
    if (a.currency != b.currency) return std::nullopt;
    return Money{a.amount - b.amount, a.currency};
}

std::int64_t scale_rounded(std::int64_t amount, std::int64_t numerator, std::int64_t denominator) {
    // __int128 keeps amount * numerator exact for any realistic fee and factor.
    __int128 product = static_cast<__int128>(amount) * numerator;
    __int128 half = denominator / 2;
    __int128 q = product >= 0 ? (product + half) / denominator : -((-product + half) / denominator);
    return static_cast<std::int64_t>(q);
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
