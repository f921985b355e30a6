#include "core/date.hpp"

#include <cstdio>

namespace portal {

// Conversions after Howard Hinnant's public-domain chrono algorithms (days_from_civil,
// civil_from_days): exact for every proleptic Gregorian date in range.
namespace {

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil {
    int y;
    unsigned m, d;
};

Civil civil_from_days(std::int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
    static const unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) return 29;
    return lengths[month - 1];
}

int days_in_year(int year) { return is_leap_year(year) ? 366 : 365; }

Date Date::from_ymd(int year, unsigned month, unsigned day) { return Date{days_from_civil(year, month, day)}; }

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t count, int& out) {
        out = 0;
        for (size_t i = from; i < from + count; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m)))
        return std::nullopt;
    return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int Date::year() const { return civil_from_days(days).y; }
unsigned Date::month() const { return civil_from_days(days).m; }
unsigned Date::day() const { return civil_from_days(days).d; }

std::string Date::iso() const {
    Civil c = civil_from_days(days);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf;
}

Date Date::add_months(int n) const {
    Civil c = civil_from_days(days);
    int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
    int y = total >= 0 ? total / 12 : (total - 11) / 12;
    unsigned m = static_cast<unsigned>(total - y * 12) + 1;
    unsigned last = days_in_month(y, m);
    return from_ymd(y, m, c.d > last ? last : c.d);
}

}  // namespace portal
