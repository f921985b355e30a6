// Money: an integer count of minor units (cents) with an ISO 4217 currency code.
// Never a float. Arithmetic between two currencies is refused, not converted.
#pragma once

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

// Sum or difference; std::nullopt when the currencies differ.
std::optional<Money> add(const Money& a, const Money& b);
std::optional<Money> subtract(const Money& a, const Money& b);

// amount * numerator / denominator, rounded half away from zero. denominator > 0.
std::int64_t scale_rounded(std::int64_t amount, std::int64_t numerator, std::int64_t denominator);

// "10,000.00 USD" style: thousands separators, two decimals (every catalog currency
// we support has two minor digits).
std::string format_money(const Money& m);
// "10000.00": for CSV and machine-readable output.
std::string format_decimal(std::int64_t minor_units);

// A three-letter upper-case code.
bool is_currency_code(const std::string& code);

}  // namespace portal
