// Reading a Json built in C++ (not parsed from text), and records whose `extra` is left null.
#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

TEST_CASE("A DOM built in C++ with signed integers reads like the same text") {
    // Parsed text holds non-negative integers as unsigned; C++ code assigning an int64 or an int
    // makes a signed integer instead. Both must read the same (the UI builds books this way).
    Json doc = contract_book();
    doc["invoices"][1]["lines"][0]["amount"] = std::int64_t{125000};
    doc["payments"][0]["amount"] = 1000000;  // int
    REQUIRE(doc["invoices"][1]["lines"][0]["amount"].is_number_integer());
    REQUIRE_FALSE(doc["invoices"][1]["lines"][0]["amount"].is_number_unsigned());

    SUBCASE("positive values are accepted") {
        auto r = book_from_json(doc, bundled_catalog());
        INFO(describe(r.problems));
        REQUIRE(r.ok());
        CHECK(r.value->invoices[1].lines[0].amount == 125000);
        CHECK(r.value->payments[0].amount == 1000000);
    }
    SUBCASE("zero is accepted where zero is allowed") {
        doc["invoices"][1]["lines"][0]["amount"] = std::int64_t{0};
        CHECK(book_from_json(doc, bundled_catalog()).ok());
    }
    SUBCASE("negative values are still refused") {
        doc["invoices"][1]["lines"][0]["amount"] = std::int64_t{-5};
        auto r = book_from_json(doc, bundled_catalog());
        REQUIRE_FALSE(r.ok());
        CHECK_PROBLEM(r.problems, "/invoices/1/lines/0/amount", "must not be negative, got -5");
    }
    SUBCASE("catalog counts and fees") {
        Json cat = Json::parse(read_repo_file("assets/catalog.json"));
        cat["rules"]["grace_days"] = std::int64_t{45};
        cat["tiers"][0]["annual_fee"] = std::int64_t{990000};
        auto c = catalog_from_json(cat);
        INFO(describe(c.problems));
        REQUIRE(c.ok());
        CHECK(c.value->rules.grace_days == 45);
        CHECK(c.value->tiers[0].annual_fee == 990000);
    }
}

TEST_CASE("A record's extra defaults to null and means no unknown members") {
    Organisation o;
    CHECK(o.extra.is_null());
    Invoice inv;
    CHECK(inv.extra.is_null());

    Book b;
    o.id = "o1";
    o.name = "Lib";
    o.type = "library";
    o.country = "GB";
    b.organisations.push_back(o);
    Json written = book_to_json(b);
    REQUIRE(written["organisations"].size() == 1);
    CHECK(written["organisations"][0]["id"] == "o1");
    CHECK_FALSE(written["organisations"][0].contains("extra"));

    SUBCASE("null and an empty object write the same") {
        Book with_object = b;
        with_object.organisations[0].extra = Json::object();
        with_object.extra = Json::object();
        CHECK(book_to_json(with_object) == written);
    }
    SUBCASE("read back, a record without unknown members keeps a null extra") {
        auto r = book_from_json(written, bundled_catalog());
        INFO(describe(r.problems));
        REQUIRE(r.ok());
        CHECK(r.value->organisations[0].extra.is_null());
        CHECK(book_to_json(*r.value) == written);
    }
    SUBCASE("an unknown member set on a null extra is written") {
        b.organisations[0].extra["x_note"] = "kept";
        CHECK(book_to_json(b)["organisations"][0]["x_note"] == "kept");
    }
}
