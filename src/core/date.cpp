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
    Date out = from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (!out.in_range()) return std::nullopt;
    return out;
}

Date Date::min() { return Date{-25567}; }   // 1900-01-01
Date Date::max() { return Date{2932896}; }  // 9999-12-31

std::optional<Date> Date::plus_days(std::int64_t n) const {
    if (n > max().days - min().days || n < min().days - max().days) return std::nullopt;
    Date out{days + static_cast<std::int32_t>(n)};
    if (!out.in_range()) return std::nullopt;
    return out;
}

std::optional<Date> Date::plus_months(int n) const {
    if (n > 12 * 10000 || n < -12 * 10000) return std::nullopt;
    Date out = add_months(n);
    if (!out.in_range()) return std::nullopt;
    return out;
}

std::string date_problem(std::string_view t) {
    if (Date::parse(t)) return "";
    bool shape = t.size() == 10 && t[4] == '-' && t[7] == '-';
    for (std::size_t i = 0; shape && i < t.size(); ++i)
        if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9')) shape = false;
    if (!shape) return "is not a date in YYYY-MM-DD form";
    int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    int m = (t[5] - '0') * 10 + (t[6] - '0');
    int d = (t[8] - '0') * 10 + (t[9] - '0');
    if (m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m)))
        return "is not a real calendar date";
    return "is outside the supported range " + Date::min().iso() + " to " + Date::max().iso();
}

std::string timestamp_problem(std::string_view t) {
    if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
        return "is not a timestamp in YYYY-MM-DDThh:mm:ssZ form";
    std::string date = date_problem(t.substr(0, 10));
    if (!date.empty()) return date;
    auto two = [&](std::size_t at, int max) {
        char a = t[at], b = t[at + 1];
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' && (a - '0') * 10 + (b - '0') <= max;
    };
    if (!two(11, 23) || !two(14, 59) || !two(17, 59))
        return "is not a real time of day (hours 00-23, minutes and seconds 00-59)";
    return "";
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
