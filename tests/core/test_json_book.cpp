#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

// Reads `doc` both as a DOM and as text: the two paths must agree, and must refuse it.
Problems book_problems(const Json& doc) {
    const Catalog& cat = bundled_catalog();
    auto from_dom = book_from_json(doc, cat);
    auto from_text = read_book(doc.dump(), cat);
    CHECK_FALSE(from_dom.ok());
    CHECK_FALSE(from_text.ok());
    INFO("dom:\n" << describe(from_dom.problems) << "text:\n" << describe(from_text.problems));
    CHECK(from_dom.problems == from_text.problems);
    return from_text.problems;
}

Book read_ok(const Json& doc) {
    auto r = read_book(doc.dump(), bundled_catalog());
    INFO(describe(r.problems));
    REQUIRE(r.ok());
    return *r.value;
}

}  // namespace

TEST_CASE("A book holding only the data contract's fields is valid") {
    Book b = read_ok(contract_book());
    REQUIRE(b.organisations.size() == 3);
    CHECK(b.organisations[0].tier == std::optional<std::string>("full"));
    CHECK_FALSE(b.organisations[2].tier);
    CHECK_FALSE(b.organisations[2].member_since);
    CHECK(b.organisations[1].commercial == std::optional<bool>(true));
    CHECK(b.invoices[0].state == InvoiceState::Sent);  // "paid" is derived, stored as sent
    CHECK(b.invoices[1].lines[0].amount == 125000);
    CHECK(b.payments[0].amount == 1000000);
    CHECK(b.prospects[0].stage == Stage::Contacted);
    CHECK(b.prospects[0].probability == doctest::Approx(0.4));
    CHECK(b.committees.trc.size() == 2);
    CHECK(book_from_json(contract_book(), bundled_catalog()).ok());
}

TEST_CASE("A book with only its schema is valid and empty") {
    Book b = read_ok(Json{{"schema", "portal-book/1"}});
    CHECK(b.organisations.empty());
    CHECK(b.invoices.empty());
}

TEST_CASE("Seats without an id get a stable, unique derived id") {
    Json doc = contract_book();
    doc["committees"]["ec"].push_back({{"org", "o1"}, {"person", "Second"}, {"term_start", "2026-01-01"}});
    doc["committees"]["oc"][0]["id"] = "ec-o1-2026-01-01-2";  // an explicit id takes precedence
    Book b = read_ok(doc);
    CHECK(b.committees.ec[0].id == "ec-o1-2026-01-01");
    CHECK(b.committees.ec[1].id == "ec-o1-2026-01-01-3");
    CHECK(b.committees.oc[0].id == "ec-o1-2026-01-01-2");
    CHECK(b.committees.trc[1].id == "trc-o2-2026-01-01");
    // Written back, the derived ids become explicit and read back the same.
    Book again = read_ok(book_to_json(b));
    CHECK(again.committees.ec[1].id == "ec-o1-2026-01-01-3");
}

TEST_CASE("A book round-trips through JSON, unknown members included") {
    Json doc = contract_book();
    doc["x_top"] = {{"kept", true}};
    doc["organisations"][0]["x_org"] = Json::array({1, "two", Json::object({{"three", 3}})});
    doc["organisations"][0]["contacts"][0]["x_contact"] = "c";
    doc["organisations"][0]["updated"] = "2026-03-01T10:00:00Z";
    doc["organisations"][1]["cancelled_on"] = "2026-12-31";
    doc["invoices"][0]["x_inv"] = 1.5;
    doc["invoices"][0]["lines"][0]["x_line"] = nullptr;
    doc["invoices"][0]["membership_year"] = 2026;
    doc["invoices"][0]["tier"] = "full";
    doc["invoices"][1]["status"] = "void";
    doc["payments"][0]["x_pay"] = "p";
    doc["prospects"][0]["x_pro"] = {{"a", {{"b", 1}}}};
    doc["prospects"][0]["application"] = {{"schema", "portal-application/1"}, {"name", "Example University"}};
    doc["prospects"][0]["notes"] = "warm";
    doc["committees"]["ec"][0]["x_seat"] = 7;
    doc["audit"] = Json::array({{{"seq", 1}, {"at", "2026-01-01T00:00:00Z"}, {"who", "staff"}, {"summary", "added o1"},
                                 {"action", {{"type", "add_org"}}}}});
    Book b = read_ok(doc);
    CHECK(b.extra["x_top"]["kept"] == true);
    CHECK(b.organisations[0].extra["x_org"][2]["three"] == 3);
    CHECK(b.invoices[0].lines[0].extra.contains("x_line"));
    CHECK(b.invoices[1].state == InvoiceState::Void);

    Json written = book_to_json(b);
    CHECK(written["x_top"] == doc["x_top"]);
    CHECK(written["organisations"][0]["x_org"] == doc["organisations"][0]["x_org"]);
    CHECK(written["organisations"][0]["contacts"][0]["x_contact"] == "c");
    CHECK(written["organisations"][2]["tier"].is_null());
    CHECK_FALSE(written["organisations"][2].contains("member_since"));  // unset optional: omitted
    CHECK(written["invoices"][0]["status"] == "sent");

    Book again = read_ok(written);
    CHECK(book_to_json(again) == written);
    CHECK(write_book(b) == written.dump());
    auto from_dom = book_from_json(written, bundled_catalog());
    INFO(describe(from_dom.problems));
    REQUIRE(from_dom.ok());
    CHECK(book_to_json(*from_dom.value) == written);
}

TEST_CASE("Book: wrong types are reported at their pointer") {
    Json doc = contract_book();
    SUBCASE("organisations not an array") {
        doc["organisations"] = Json::object();
        CHECK_PROBLEM(book_problems(doc), "/organisations", "must be an array of objects, got an object");
    }
    SUBCASE("an organisation that is a string") {
        doc["organisations"][1] = "o2";
        CHECK_PROBLEM(book_problems(doc), "/organisations/1", "must be an object, got a string");
    }
    SUBCASE("name a number, listed a string, contacts an object") {
        doc["organisations"][0]["name"] = 5;
        doc["organisations"][0]["listed"] = "yes";
        doc["organisations"][0]["contacts"] = {{"name", "x"}};
        auto ps = book_problems(doc);
        CHECK_PROBLEM(ps, "/organisations/0/name", "must be a non-empty string, got a number");
        CHECK_PROBLEM(ps, "/organisations/0/listed", "must be true or false, got a string");
        CHECK_PROBLEM(ps, "/organisations/0/contacts", "must be an array of objects, got an object");
    }
    SUBCASE("committees an array, probability a string") {
        doc["committees"] = Json::array();
        doc["prospects"][0]["probability"] = "high";
        auto ps = book_problems(doc);
        CHECK_PROBLEM(ps, "/committees", "must be an object, got an array");
        CHECK_PROBLEM(ps, "/prospects/0/probability", "must be a number between 0 and 1, got a string");
    }
    SUBCASE("a nested value where a string is expected") {
        doc["invoices"][0]["org"] = {{"id", "o1"}};
        CHECK_PROBLEM(book_problems(doc), "/invoices/0/org", "must be a non-empty string, got an object");
    }
}

TEST_CASE("Book: missing required members are reported at the member's pointer") {
    Json doc = contract_book();
    doc["organisations"][0].erase("name");
    doc["invoices"][1].erase("due");
    doc["payments"][0].erase("amount");
    doc["committees"]["trc"][1].erase("term_start");
    doc["prospects"][0].erase("stage");
    doc["organisations"][0]["contacts"][0].erase("name");
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/organisations/0/name", "required member is missing");
    CHECK_PROBLEM(ps, "/organisations/0/contacts/0/name", "required member is missing");
    CHECK_PROBLEM(ps, "/invoices/1/due", "required member is missing");
    CHECK_PROBLEM(ps, "/payments/0/amount", "required member is missing");
    CHECK_PROBLEM(ps, "/committees/trc/1/term_start", "required member is missing");
    CHECK_PROBLEM(ps, "/prospects/0/stage", "required member is missing");
    CHECK(ps.size() == 6);  // every problem, and nothing else
}

TEST_CASE("Book: the schema member is checked") {
    Json doc = contract_book();
    SUBCASE("missing") {
        doc.erase("schema");
        CHECK_PROBLEM(book_problems(doc), "/schema", "required member is missing");
    }
    SUBCASE("a newer version") {
        doc["schema"] = "portal-book/2";
        CHECK_PROBLEM(book_problems(doc), "/schema", "unsupported version \"portal-book/2\"");
    }
    SUBCASE("another format") {
        doc["schema"] = "portal-catalog/1";
        CHECK_PROBLEM(book_problems(doc), "/schema", "this is a portal-catalog document");
    }
    SUBCASE("unknown") {
        doc["schema"] = "something/1";
        CHECK_PROBLEM(book_problems(doc), "/schema", "unknown schema \"something/1\"");
    }
    SUBCASE("not a string") {
        doc["schema"] = 1;
        CHECK_PROBLEM(book_problems(doc), "/schema", "must be the string \"portal-book/1\", got a number");
    }
}

TEST_CASE("Book: references must resolve in the catalog and the book") {
    Json doc = contract_book();
    doc["organisations"][0]["type"] = "bakery";
    doc["organisations"][1]["tier"] = "platinum";
    doc["invoices"][0]["org"] = "nobody";
    doc["payments"][0]["invoice"] = "i9";
    doc["committees"]["ec"][0]["org"] = "o9";
    doc["prospects"][0]["type"] = "castle";
    doc["prospects"][0]["expected_tier"] = "gold";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/organisations/0/type", "unknown organisation type \"bakery\"");
    CHECK_PROBLEM(ps, "/organisations/1/tier", "unknown tier \"platinum\"");
    CHECK_PROBLEM(ps, "/invoices/0/org", "unknown organisation \"nobody\"");
    CHECK_PROBLEM(ps, "/payments/0/invoice", "unknown invoice \"i9\"");
    CHECK_PROBLEM(ps, "/committees/ec/0/org", "unknown organisation \"o9\"");
    CHECK_PROBLEM(ps, "/prospects/0/type", "unknown organisation type \"castle\"");
    CHECK_PROBLEM(ps, "/prospects/0/expected_tier", "unknown tier \"gold\"");
    CHECK(ps.size() == 7);
}

TEST_CASE("Book: duplicate ids and invoice numbers") {
    Json doc = contract_book();
    doc["organisations"][2]["id"] = "o1";
    doc["invoices"][1]["id"] = "i1";
    doc["invoices"][1]["number"] = "IIIFC-2026-0001";
    doc["payments"].push_back(doc["payments"][0]);
    doc["prospects"].push_back(doc["prospects"][0]);
    doc["committees"]["ec"][0]["id"] = "s1";
    doc["committees"]["trc"][0]["id"] = "s1";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/organisations/2/id", "duplicate id \"o1\" (also used by /organisations/0)");
    CHECK_PROBLEM(ps, "/invoices/1/id", "duplicate id \"i1\"");
    CHECK_PROBLEM(ps, "/invoices/1/number", "duplicate invoice number \"IIIFC-2026-0001\" (also used by /invoices/0)");
    CHECK_PROBLEM(ps, "/payments/1/id", "duplicate id \"p1\"");
    CHECK_PROBLEM(ps, "/prospects/1/id", "duplicate id \"pr1\"");
    CHECK_PROBLEM(ps, "/committees/trc/0/id", "duplicate id \"s1\" (also used by /committees/ec/0)");
}

TEST_CASE("Book: dates must be real calendar days in ISO form") {
    Json doc = contract_book();
    doc["invoices"][0]["issued"] = "2027-02-30";
    doc["invoices"][1]["due"] = "31/07/2026";
    doc["payments"][0]["date"] = 20260120;
    doc["organisations"][0]["member_since"] = "2020-1-1";
    doc["committees"]["oc"][0]["term_end"] = "2025-12-31";  // before its start
    doc["prospects"][0]["next_action_date"] = "2026-13-01";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/invoices/0/issued", "\"2027-02-30\" is not a real calendar date");
    CHECK_PROBLEM(ps, "/invoices/1/due", "\"31/07/2026\" is not a date in YYYY-MM-DD form");
    CHECK_PROBLEM(ps, "/payments/0/date", "must be a date string (YYYY-MM-DD), got a number");
    CHECK_PROBLEM(ps, "/organisations/0/member_since", "is not a date in YYYY-MM-DD form");
    CHECK_PROBLEM(ps, "/committees/oc/0/term_end", "the term ends (2025-12-31) before it starts (2026-01-01)");
    CHECK_PROBLEM(ps, "/prospects/0/next_action_date", "\"2026-13-01\" is not a real calendar date");
    CHECK(ps.size() == 6);  // an invalid date is not also compared with the other one
}

TEST_CASE("Book: an invoice may not fall due before it is issued") {
    Json doc = contract_book();
    doc["invoices"][0]["due"] = "2026-01-04";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/invoices/0/due", "the due date (2026-01-04) is before the issue date (2026-01-05)");
    CHECK(ps.size() == 1);
    doc["invoices"][0]["due"] = "2026-01-05";  // same day is fine
    CHECK(read_book(doc.dump(), bundled_catalog()).ok());
}

TEST_CASE("Book: money is a non-negative JSON integer of minor units") {
    Json doc = contract_book();
    SUBCASE("fractional") {
        doc["invoices"][0]["lines"][0]["amount"] = 12.5;
        CHECK_PROBLEM(book_problems(doc), "/invoices/0/lines/0/amount", "written as a JSON integer, got 12.5");
    }
    SUBCASE("float syntax for a whole number") {
        std::string text = doc.dump();
        auto pos = text.find("1000000");
        text.replace(pos, 7, "1e6");
        auto r = read_book(text, bundled_catalog());
        REQUIRE_FALSE(r.ok());
        CHECK_PROBLEM(r.problems, "/invoices/0/lines/0/amount", "written as a JSON integer, got 1e6");
        doc["invoices"][0]["lines"][0]["amount"] = 1000.0;  // a float in a DOM is refused too
        CHECK_PROBLEM(book_problems(doc), "/invoices/0/lines/0/amount", "written as a JSON integer");
    }
    SUBCASE("negative") {
        doc["invoices"][1]["lines"][0]["amount"] = -5;
        CHECK_PROBLEM(book_problems(doc), "/invoices/1/lines/0/amount", "must not be negative, got -5");
    }
    SUBCASE("a string") {
        doc["payments"][0]["amount"] = "100.00";
        CHECK_PROBLEM(book_problems(doc), "/payments/0/amount", "must be a whole number of minor units (cents), got a string");
    }
    SUBCASE("a zero payment") {
        doc["payments"][0]["amount"] = 0;
        CHECK_PROBLEM(book_problems(doc), "/payments/0/amount", "must be greater than zero");
    }
    SUBCASE("too large") {
        doc["payments"][0]["amount"] = std::uint64_t(1) << 63;
        CHECK_PROBLEM(book_problems(doc), "/payments/0/amount", "is too large");
    }
    SUBCASE("a zero invoice line is fine") {
        doc["invoices"][1]["lines"][0]["amount"] = 0;
        CHECK(read_book(doc.dump(), bundled_catalog()).ok());
    }
}

TEST_CASE("Book: codes, probabilities and enumerations") {
    Json doc = contract_book();
    doc["invoices"][0]["currency"] = "usd";
    doc["invoices"][1]["currency"] = "US$";
    doc["organisations"][0]["country"] = "GBR";
    doc["organisations"][1]["country"] = "us";
    doc["prospects"][0]["probability"] = 1.5;
    doc["prospects"].push_back(doc["prospects"][0]);
    doc["prospects"][1]["id"] = "pr2";
    doc["prospects"][1]["probability"] = -0.1;
    doc["prospects"][1]["stage"] = "negotiating";
    doc["invoices"][0]["status"] = "lost";
    doc["organisations"][0]["contacts"][0]["email"] = "not an email";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/invoices/0/currency", "\"usd\" is not a currency code");
    CHECK_PROBLEM(ps, "/invoices/1/currency", "\"US$\" is not a currency code");
    CHECK_PROBLEM(ps, "/organisations/0/country", "\"GBR\" is not a country code");
    CHECK_PROBLEM(ps, "/organisations/1/country", "\"us\" is not a country code");
    CHECK_PROBLEM(ps, "/prospects/0/probability", "must be between 0 and 1, got 1.5");
    CHECK_PROBLEM(ps, "/prospects/1/probability", "must be between 0 and 1, got -0.1");
    CHECK_PROBLEM(ps, "/prospects/1/stage", "\"negotiating\" is not a pipeline stage");
    CHECK_PROBLEM(ps, "/invoices/0/status", "\"lost\" is not an invoice status");
    CHECK_PROBLEM(ps, "/organisations/0/contacts/0/email", "is not an email address");
    CHECK(ps.size() == 9);
}

TEST_CASE("Book: every stored and derived invoice status is accepted") {
    Json doc = contract_book();
    for (const char* s : {"draft", "sent", "partly_paid", "paid", "overdue", "void"}) {
        doc["invoices"][0]["status"] = s;
        // Payments go on sent invoices only (as payment.record says): none on a draft or void one.
        if (std::string(s) == "draft" || std::string(s) == "void") {
            Json kept = Json::array();
            for (const Json& p : doc["payments"])
                if (p["invoice"] != doc["invoices"][0]["id"]) kept.push_back(p);
            doc["payments"] = kept;
        }
        CAPTURE(s);
        CHECK(read_book(doc.dump(), bundled_catalog()).ok());
    }
}

TEST_CASE("Book: unknown committees, empty ids and cancelled-before-joined are refused") {
    Json doc = contract_book();
    doc["committees"]["board"] = Json::array();
    doc["organisations"][0]["id"] = "";
    doc["organisations"][1]["cancelled_on"] = "2024-06-30";
    auto ps = book_problems(doc);
    CHECK_PROBLEM(ps, "/committees/board", "unknown member (expected one of: ec, oc, trc)");
    CHECK_PROBLEM(ps, "/organisations/0/id", "must not be empty");
    CHECK_PROBLEM(ps, "/organisations/1/cancelled_on", "before it starts (2024-07-01)");
}

TEST_CASE("Book: a duplicated member in the text is refused") {
    std::string text = R"({"schema":"portal-book/1","organisations":[{"id":"a","id":"b","name":"n","type":"library","country":"GB"}]})";
    auto r = read_book(text, bundled_catalog());
    REQUIRE_FALSE(r.ok());
    CHECK_PROBLEM(r.problems, "/organisations/0/id", "member appears more than once");
}

TEST_CASE("Book: pointers escape ~ and / in member names") {
    // Unknown members are kept, so put the odd name where a problem can occur inside it: an
    // audit entry, which keeps no unknown members.
    Json doc = contract_book();
    doc["audit"] = Json::array({{{"seq", 1}, {"at", "t"}, {"who", "w"}, {"summary", "s"}, {"a/b~c", 1}}});
    CHECK_PROBLEM(book_problems(doc), "/audit/0/a~1b~0c", "unknown member");
}

TEST_CASE("Book: many bad records give many problems, capped with a note") {
    Json doc = contract_book();
    for (int i = 0; i < 30; ++i) doc["payments"].push_back({{"id", "x" + std::to_string(i)}, {"invoice", "i1"},
                                                           {"date", "2026-02-30"}, {"amount", -1}});
    auto all = read_book(doc.dump(), bundled_catalog());
    CHECK(all.problems.size() == 60);
    ReadLimits limits;
    limits.max_problems = 10;
    auto capped = read_book(doc.dump(), bundled_catalog(), limits);
    REQUIRE(capped.problems.size() == 11);
    CHECK(capped.problems.back().pointer == "");
    CHECK(capped.problems.back().message == "50 more problems not listed (limit 10)");
}
