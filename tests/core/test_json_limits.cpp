#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

TEST_CASE("Text that is not JSON is refused with its line, column and byte offset") {
    SUBCASE("a bad literal on line 3") {
        auto r = parse_json_text("{\n  \"a\": 1,\n  \"b\": tru\n}");
        REQUIRE_FALSE(r.ok());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].pointer == "");
        CHECK(r.problems[0].message.rfind("not valid JSON: ", 0) == 0);
        CHECK(r.problems[0].message.find("line 3") != std::string::npos);
        CHECK(r.problems[0].message.find("json.exception") == std::string::npos);  // never the library's text
    }
    SUBCASE("a trailing comma") {
        auto r = read_book("{\"schema\":\"portal-book/1\",}", bundled_catalog());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message == "not valid JSON: unexpected '}' at line 1, column 27 (byte 26)");
    }
    SUBCASE("cut short") {
        auto r = read_catalog("{\"schema\": \"portal-catalog/1\", \"tiers\": [");
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message.find("unexpected end of input") != std::string::npos);
    }
    SUBCASE("empty") {
        auto r = read_rates("");
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message.find("the document is empty") != std::string::npos);
    }
    SUBCASE("trailing garbage") {
        CHECK_FALSE(parse_json_text("{} x").ok());
    }
    SUBCASE("invalid UTF-8 in a string") {
        CHECK_FALSE(parse_json_text("{\"a\": \"\xff\"}").ok());
    }
}

TEST_CASE("A document over the size limit is refused before parsing") {
    ReadLimits limits;
    limits.max_bytes = 10;
    auto r = read_book("{\"schema\":\"portal-book/1\"}", bundled_catalog(), limits);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].pointer == "");
    CHECK(r.problems[0].message == "the document is 26 bytes, over the limit of 10 bytes");
}

TEST_CASE("Nesting deeper than the limit is refused without deep recursion") {
    SUBCASE("a million brackets") {
        std::string deep(1000000, '[');
        auto r = parse_json_text(deep);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message == "nested deeper than 64 levels");
        std::string expected;
        for (int i = 0; i < 64; ++i) expected += "/0";  // the 65th bracket sits inside 64 arrays
        CHECK(r.problems[0].pointer == expected);
    }
    SUBCASE("inside an unknown member of a book, with its pointer") {
        ReadLimits limits;
        limits.max_depth = 4;
        auto r = read_book(R"({"schema":"portal-book/1","x":{"y":[[{"z":1}]]}})", bundled_catalog(), limits);
        REQUIRE_FALSE(r.ok());
        CHECK_PROBLEM(r.problems, "/x/y/0/0", "nested deeper than 4 levels");
    }
    SUBCASE("exactly at the limit is fine") {
        ReadLimits limits;
        limits.max_depth = 3;
        CHECK(parse_json_text("[[[1]]]", limits).ok());
        CHECK_FALSE(parse_json_text("[[[[1]]]]", limits).ok());
    }
    SUBCASE("a DOM is held to the same limit") {
        Json deep = contract_book();
        Json* p = &deep["x"];
        for (int i = 0; i < 100; ++i) {
            *p = Json::array({nullptr});
            p = &(*p)[0];
        }
        auto r = book_from_json(deep, bundled_catalog());
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems.back().message == "nested deeper than 64 levels");
    }
}

TEST_CASE("A document must be an object") {
    CHECK_PROBLEM(read_book("[1,2]", bundled_catalog()).problems, "", "must be a JSON object, got an array");
    CHECK_PROBLEM(read_catalog("\"portal-catalog/1\"").problems, "", "must be a JSON object, got a string");
    CHECK_PROBLEM(read_rates("null").problems, "", "must be a JSON object, got null");
}

TEST_CASE("parse_json_text keeps every value and schema_of / sniff_schema find the schema") {
    auto r = parse_json_text(R"({"schema":"portal-book/1","a":[1,-2,3.5,"x",true,null,{"b":{}}]})");
    REQUIRE(r.ok());
    CHECK((*r.value)["a"][2] == 3.5);
    CHECK((*r.value)["a"][6]["b"].is_object());
    CHECK(schema_of(*r.value) == "portal-book/1");
    CHECK(schema_of(Json::array()) == "");
    CHECK(schema_of(Json{{"schema", 1}}) == "");
    CHECK(sniff_schema(R"({"a":{"schema":"inner"},"schema":"portal-rates/1"})") == "portal-rates/1");
    CHECK(sniff_schema(R"({"schema":{"x":1}})") == "");
    CHECK(sniff_schema(R"(["schema"])") == "");
    CHECK(sniff_schema(R"({"schema":"portal-catalog/1", broken)") == "portal-catalog/1");
    CHECK(sniff_schema("not json") == "");
}
