#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

Json contract_application() {
    return Json::parse(R"({ "schema": "portal-application/1", "name": "Example Museum", "type": "museum",
      "country": "NL", "usage": { "conference_attendees": 4, "training_seats": 10 },
      "interests": [ "ec_seat", "trc_seat" ] })");
}

}  // namespace

TEST_CASE("An application holding only the data contract's fields is valid") {
    auto r = read_application(contract_application().dump(), bundled_catalog());
    INFO(describe(r.problems));
    REQUIRE(r.ok());
    CHECK(r.value->usage.conference_attendees == 4);
    CHECK(r.value->usage.training_seats == 10);
    CHECK(r.value->interests == std::vector<std::string>{"ec_seat", "trc_seat"});
    CHECK_FALSE(r.value->commercial);
}

TEST_CASE("An application round-trips, unknown members included") {
    Json doc = contract_application();
    doc["commercial"] = false;
    doc["tier"] = "associate";
    doc["contact_name"] = "Eve";
    doc["contact_email"] = "eve@example.org";
    doc["x_extra"] = {1, 2};
    auto r = application_from_json(doc, bundled_catalog());
    REQUIRE(r.ok());
    Json written = application_to_json(*r.value);
    CHECK(written == doc);
    auto again = read_application(written.dump(), bundled_catalog());
    REQUIRE(again.ok());
    CHECK(application_to_json(*again.value) == written);
}

TEST_CASE("Application: every kind of problem, at its pointer") {
    Json doc = contract_application();
    doc["type"] = "castle";
    doc["tier"] = "gold";
    doc["country"] = "Netherlands";
    doc["usage"]["training_seats"] = 2.5;
    doc["usage"]["coffee"] = 1;
    doc["interests"] = {"ec_seat", "world_domination", "ec_seat"};
    doc["contact_email"] = "eve";
    auto ps = application_from_json(doc, bundled_catalog()).problems;
    CHECK(ps == read_application(doc.dump(), bundled_catalog()).problems);
    CHECK_PROBLEM(ps, "/type", "unknown organisation type \"castle\"");
    CHECK_PROBLEM(ps, "/tier", "unknown tier \"gold\"");
    CHECK_PROBLEM(ps, "/country", "\"Netherlands\" is not a country code");
    CHECK_PROBLEM(ps, "/usage/training_seats", "written as a JSON integer, got 2.5");
    CHECK_PROBLEM(ps, "/usage/coffee", "unknown member (expected one of: conference_attendees, training_seats)");
    CHECK_PROBLEM(ps, "/interests/1", "\"world_domination\" is not an interest");
    CHECK_PROBLEM(ps, "/contact_email", "\"eve\" is not an email address");
    CHECK_PROBLEM(ps, "/interests/2", "interest \"ec_seat\" is listed twice");  // pointers skip nothing
    CHECK(ps.size() == 8);
}

TEST_CASE("Application: missing members and a repeated interest") {
    Json doc = contract_application();
    doc.erase("name");
    doc["interests"].push_back("ec_seat");
    auto ps = read_application(doc.dump(), bundled_catalog()).problems;
    CHECK_PROBLEM(ps, "/name", "required member is missing");
    CHECK_PROBLEM(ps, "/interests/2", "interest \"ec_seat\" is listed twice");
}

TEST_CASE("The bundled rates load, with exact decimal rates") {
    auto r = read_rates(bundled_rates_text());
    INFO(describe(r.problems));
    REQUIRE(r.ok());
    CHECK(r.value->base == "USD");
    CHECK(r.value->date.iso() == "2026-11-02");
    CHECK(r.value->rates.size() == 16);
    const Rate* eur = r.value->find("EUR");
    REQUIRE(eur);
    CHECK(eur->num == 9215);
    CHECK(eur->den == 10000);
    CHECK(r.value->find("JPY")->minor_digits == 0);
    CHECK(r.value->find("KRW")->minor_digits == 0);
    CHECK(std::string(bundled_rates_text()) == read_repo_file("assets/rates.json"));
}

TEST_CASE("Rates round-trip and convert without floating point") {
    Rates rates = *read_rates(bundled_rates_text()).value;
    Json written = rates_to_json(rates);
    CHECK(written["rates"][0]["rate"] == "0.9215");
    CHECK(written["rates"][4]["rate"] == "151.85");
    auto again = read_rates(written.dump());
    REQUIRE(again.ok());
    CHECK(rates_to_json(*again.value) == written);

    const Rate& eur = *rates.find("EUR");
    const Rate& jpy = *rates.find("JPY");
    CHECK(convert(Money{1000000, "USD"}, rates, eur) == Money{921500, "EUR"});
    CHECK(convert(Money{1000000, "USD"}, rates, jpy) == Money{1518500, "JPY"});
    CHECK(convert(Money{1, "USD"}, rates, jpy) == Money{2, "JPY"});        // 1.5185 -> 2
    CHECK(convert(Money{-1, "USD"}, rates, jpy) == Money{-2, "JPY"});      // half away from zero
    CHECK(convert(Money{3, "USD"}, rates, eur) == Money{3, "EUR"});        // 2.7645 -> 3
    CHECK_FALSE(convert(Money{100, "EUR"}, rates, jpy));                   // not in the base currency
    Rate third{"XTS", "Test", 1, 3, 2};
    CHECK(convert(Money{100, "USD"}, rates, third) == Money{33, "XTS"});
    Rates r3 = rates;
    r3.rates = {third};
    CHECK(rates_to_json(r3)["rates"][0]["rate"] == "0.3333333333");

    CHECK(format_money_digits(1518500, 0, "JPY") == "1,518,500 JPY");
    CHECK(format_money_digits(921500, 2, "EUR") == "9,215.00 EUR");
    CHECK(format_money_digits(-5, 2, "EUR") == "-0.05 EUR");
    CHECK(format_money_digits(0, 0, "KRW") == "0 KRW");
    CHECK(format_money_digits(100000, 3, "BHD") == "100.000 BHD");
}

TEST_CASE("Rates: every kind of problem, at its pointer") {
    Json doc = Json::parse(std::string(bundled_rates_text()));
    doc["rates"][0]["rate"] = 0.92;
    doc["rates"][1]["rate"] = "1,2";
    doc["rates"][2]["rate"] = "0";
    doc["rates"][3]["code"] = "EUR";
    doc["rates"][4]["minor_digits"] = 7;
    doc["rates"][5]["code"] = "USD";
    doc["rates"][6]["symbol"] = "kr";
    doc["date"] = "2026-02-29";
    auto ps = read_rates(doc.dump()).problems;
    CHECK_PROBLEM(ps, "/rates/0/rate", "must be an exact decimal string such as \"0.9215\", got a number");
    CHECK_PROBLEM(ps, "/rates/1/rate", "\"1,2\" is not a decimal number");
    CHECK_PROBLEM(ps, "/rates/2/rate", "must be greater than zero");
    CHECK_PROBLEM(ps, "/rates/3/code", "duplicate currency \"EUR\" (also used by /rates/0)");
    CHECK_PROBLEM(ps, "/rates/4/minor_digits", "must be between 0 and 4, got 7");
    CHECK_PROBLEM(ps, "/rates/5/code", "the base currency \"USD\" needs no rate");
    CHECK_PROBLEM(ps, "/rates/6/symbol", "unknown member");
    CHECK_PROBLEM(ps, "/date", "\"2026-02-29\" is not a real calendar date");
    CHECK(ps.size() == 8);
    for (const char* bad : {".5", "5.", "1.2.3", "-1", "1e3", "1234567890123456789"}) {
        Json d = Json::parse(std::string(bundled_rates_text()));
        d["rates"][0]["rate"] = bad;
        CAPTURE(bad);
        CHECK_PROBLEM(read_rates(d.dump()).problems, "/rates/0/rate", "is not a decimal number");
    }
}
