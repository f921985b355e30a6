// Money: an integer count of minor units (cents) with an ISO 4217 currency code.
// Never a float. Arithmetic between two currencies is refused, not converted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace portal {

struct Money {
    std::int64_t amount = 0;   // minor units
    std::string currency;      // "USD"

    friend bool operator==(const Money& a, const Money& b) {
        return a.amount == b.amount && a.currency == b.currency;
    }
    friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }
};

// [SECTION] Limits and checked arithmetic
// Every amount the product reads or computes stays far inside int64 because of two limits,
// enforced where amounts enter (the readers and the actions) and documented in
// docs/reliability.md "Limits":
//   - one amount (an invoice line, a payment, a fee, a saving per unit): 0 .. kMaxAmount;
//   - one book: the lines of all its invoices, and all its payments, each sum to <= kMaxBookTotal.
// So a sum over any part of a book, and any difference of two such sums, cannot overflow; the
// products (fee x count, saving x usage, conversions, proration) go through the checked helpers
// below, which say "too large" instead of wrapping.
inline constexpr std::int64_t kMaxAmount = 1'000'000'000'000;           // 10,000,000,000.00
inline constexpr std::int64_t kMaxBookTotal = 100'000'000'000'000'000;  // 1,000,000,000,000,000.00
inline constexpr std::size_t kMaxInvoiceLines = 1000;                   // lines on one invoice

// a + b / a * b, or nullopt when the exact result does not fit in int64.
std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);
// a + b clamped to [INT64_MIN, INT64_MAX]: for running totals compared against a limit.
std::int64_t saturating_add(std::int64_t a, std::int64_t b);
// Adds `amount` to `total` unless that passes `limit`: false (and `total` unchanged) then.
bool add_within(std::int64_t& total, std::int64_t amount, std::int64_t limit = kMaxBookTotal);
// "over the maximum of 10,000,000,000.00 (1000000000000 minor units)" for messages.
std::string amount_limit_text(std::int64_t limit = kMaxAmount);

// Sum or difference; std::nullopt when the currencies differ or the result would not fit.
std::optional<Money> add(const Money& a, const Money& b);
std::optional<Money> subtract(const Money& a, const Money& b);

// amount * numerator / denominator, rounded half away from zero; nullopt when the result does
// not fit in int64 or denominator <= 0.
std::optional<std::int64_t> checked_scale(std::int64_t amount, std::int64_t numerator, std::int64_t denominator);
// The same for a share (|numerator| <= denominator, denominator > 0), which cannot overflow: the
// result is never larger than |amount|.
std::int64_t scale_rounded(std::int64_t amount, std::int64_t numerator, std::int64_t denominator);

// "10,000.00 USD" style: thousands separators, two decimals (every catalog currency
// we support has two minor digits).
std::string format_money(const Money& m);
// "10000.00": for CSV and machine-readable output.
std::string format_decimal(std::int64_t minor_units);

// A three-letter upper-case code.
bool is_currency_code(const std::string& code);

}  // namespace portal
