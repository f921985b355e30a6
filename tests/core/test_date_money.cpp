#include <doctest/doctest.h>

#include "core/date.hpp"
#include "core/money.hpp"

using namespace portal;

TEST_CASE("Date parses only real calendar days") {
    CHECK(Date::parse("2027-02-28"));
    CHECK_FALSE(Date::parse("2027-02-29"));
    CHECK(Date::parse("2028-02-29"));
    CHECK_FALSE(Date::parse("2027-02-30"));
    CHECK_FALSE(Date::parse("2100-02-29"));  // century, not leap
    CHECK(Date::parse("2000-02-29"));        // divisible by 400, leap
    CHECK_FALSE(Date::parse("2027-13-01"));
    CHECK_FALSE(Date::parse("2027-00-10"));
    CHECK_FALSE(Date::parse("2027-04-31"));
    CHECK_FALSE(Date::parse("2027-4-01"));
    CHECK_FALSE(Date::parse("2027-04-01T00:00"));
    CHECK_FALSE(Date::parse(" 2027-04-01"));
    CHECK_FALSE(Date::parse(""));
}

TEST_CASE("Date round-trips through ISO text and epoch days") {
    CHECK(Date::parse("1970-01-01")->days == 0);
    CHECK(Date::parse("1969-12-31")->days == -1);
    // Every 9973rd day of the supported range, 1900-01-01 to 9999-12-31.
    const int first = Date::from_ymd(1900, 1, 1).days, last = Date::from_ymd(9999, 12, 31).days;
    for (int d = first; d <= last; d += 9973) {
        auto back = Date::parse(Date{d}.iso());
        REQUIRE(back);
        CHECK(back->days == d);
    }
    Date x = *Date::parse("2027-06-15");
    CHECK(x.year() == 2027);
    CHECK(x.month() == 6);
    CHECK(x.day() == 15);
}

TEST_CASE("Date month and year arithmetic clamps to month ends") {
    CHECK(Date::parse("2027-01-31")->add_months(1).iso() == "2027-02-28");
    CHECK(Date::parse("2028-01-31")->add_months(1).iso() == "2028-02-29");
    CHECK(Date::parse("2027-03-31")->add_months(-1).iso() == "2027-02-28");
    CHECK(Date::parse("2027-12-15")->add_months(1).iso() == "2028-01-15");
    CHECK(Date::parse("2027-01-15")->add_months(-13).iso() == "2025-12-15");
    CHECK(Date::parse("2028-02-29")->add_years(1).iso() == "2029-02-28");
    CHECK(Date::parse("2028-02-29")->add_years(4).iso() == "2032-02-29");
    CHECK(Date::parse("2027-12-31")->add_days(1).iso() == "2028-01-01");
    CHECK(Date::parse("2028-02-28")->add_days(1).iso() == "2028-02-29");
    CHECK(days_between(*Date::parse("2028-01-01"), *Date::parse("2029-01-01")) == 366);
}

TEST_CASE("Money refuses to mix currencies and rounds half away from zero") {
    Money a{1000000, "USD"}, b{250000, "USD"}, e{100, "EUR"};
    CHECK(add(a, b)->amount == 1250000);
    CHECK(subtract(b, a)->amount == -750000);
    CHECK_FALSE(add(a, e));
    CHECK_FALSE(subtract(a, e));
    CHECK(scale_rounded(1000000, 7, 12) == 583333);
    CHECK(scale_rounded(5, 1, 2) == 3);
    CHECK(scale_rounded(-5, 1, 2) == -3);
    CHECK(scale_rounded(250000, 1, 3) == 83333);
    CHECK(format_money({1000000, "USD"}) == "10,000.00 USD");
    CHECK(format_money({-5, "EUR"}) == "-0.05 EUR");
    CHECK(format_decimal(123456) == "1234.56");
    CHECK(format_decimal(-7) == "-0.07");
    CHECK(is_currency_code("USD"));
    CHECK_FALSE(is_currency_code("usd"));
    CHECK_FALSE(is_currency_code("US"));
}
