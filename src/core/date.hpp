// A civil calendar date (proleptic Gregorian, no time zone), stored as days since 1970-01-01.
// Parsing is strict: exactly YYYY-MM-DD, the day must exist (2027-02-30 is refused) and lie in
// the one supported range, 1900-01-01 .. 9999-12-31 (docs/reliability.md "Limits"): every date
// the product reads, and every date it derives before writing it, stays in that range.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal {

struct Date {
    std::int32_t days = 0;  // since 1970-01-01

    static Date from_ymd(int year, unsigned month, unsigned day);  // caller guarantees validity
    static std::optional<Date> parse(std::string_view text);        // nullopt also when out of range
    static Date min();  // 1900-01-01
    static Date max();  // 9999-12-31
    bool in_range() const { return days >= min().days && days <= max().days; }

    int year() const;
    unsigned month() const;
    unsigned day() const;
    std::string iso() const;  // "YYYY-MM-DD"

    // Unchecked: callers add small bounded numbers (catalog terms are at most kMaxTermDays) and
    // compare; a date that is written goes through plus_days / plus_months first.
    Date add_days(int n) const { return Date{days + n}; }
    // Checked: nullopt when the result leaves the supported range.
    std::optional<Date> plus_days(std::int64_t n) const;
    std::optional<Date> plus_months(int n) const;
    // Month arithmetic clamps to the end of the month: 2027-01-31 + 1 month = 2027-02-28.
    Date add_months(int n) const;
    // 2028-02-29 + 1 year = 2029-02-28.
    Date add_years(int n) const { return add_months(12 * n); }

    friend bool operator==(Date a, Date b) { return a.days == b.days; }
    friend bool operator!=(Date a, Date b) { return a.days != b.days; }
    friend bool operator<(Date a, Date b) { return a.days < b.days; }
    friend bool operator<=(Date a, Date b) { return a.days <= b.days; }
    friend bool operator>(Date a, Date b) { return a.days > b.days; }
    friend bool operator>=(Date a, Date b) { return a.days >= b.days; }
};

inline int days_between(Date from, Date to) { return to.days - from.days; }

// The longest term, grace period or reminder delay a catalog may set (ten years): with dates in
// range, adding one never overflows.
inline constexpr int kMaxTermDays = 3660;

// Why `text` is not a date Date::parse accepts, in plain words ("" when it is one):
// "is not a date in YYYY-MM-DD form", "is not a real calendar date", or
// "is outside the supported range 1900-01-01 to 9999-12-31".
std::string date_problem(std::string_view text);
// Why `text` is not a timestamp "YYYY-MM-DDThh:mm:ssZ" (UTC; hour 00-23, minute and second
// 00-59), or "" when it is one.
std::string timestamp_problem(std::string_view text);

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);
// Days in the calendar year `year` (365 or 366).
int days_in_year(int year);

}  // namespace portal
