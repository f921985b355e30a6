// A civil calendar date (proleptic Gregorian, no time zone), stored as days since 1970-01-01.
// Parsing is strict: exactly YYYY-MM-DD, and the day must exist (2027-02-30 is refused).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal {

struct Date {
    std::int32_t days = 0;  // since 1970-01-01

    static Date from_ymd(int year, unsigned month, unsigned day);  // caller guarantees validity
    static std::optional<Date> parse(std::string_view text);

    int year() const;
    unsigned month() const;
    unsigned day() const;
    std::string iso() const;  // "YYYY-MM-DD"

    Date add_days(int n) const { return Date{days + n}; }
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

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);
// Days in the calendar year `year` (365 or 366).
int days_in_year(int year);

}  // namespace portal
