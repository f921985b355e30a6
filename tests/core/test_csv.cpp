#include <doctest/doctest.h>

#include "core/csv_export.hpp"
#include "core/reports.hpp"
#include "documents_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

// A minimal RFC 4180 reader, to check what a spreadsheet would see.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
            else if (c == '"') quoted = false;
            else cell += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell), cell.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(cell), cell.clear();
            rows.emplace_back();
            ++i;
        } else {
            cell += c;
        }
    }
    if (rows.back().empty() && cell.empty()) rows.pop_back();
    return rows;
}

}  // namespace

TEST_CASE("csv cells follow RFC 4180 quoting") {
    CHECK(csv_text_cell("plain") == "plain");
    CHECK(csv_text_cell("a,b") == "\"a,b\"");
    CHECK(csv_text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_text_cell("line1\nline2") == "\"line1\nline2\"");
    CHECK(csv_text_cell("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_text_cell("") == "");
    CHECK(csv_text_cell("Universit\u00e9 de Gen\u00e8ve") == "Universit\u00e9 de Gen\u00e8ve");
}

TEST_CASE("csv text cells that a spreadsheet would run as a formula are neutralised") {
    CHECK(csv_text_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0");
    CHECK(csv_text_cell("+1+1") == "'+1+1");
    CHECK(csv_text_cell("-2+3") == "'-2+3");
    CHECK(csv_text_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_text_cell("\t=1") == "'\t=1");
    CHECK(csv_text_cell("\r=1") == "\"'\r=1\"");
    CHECK(csv_text_cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    SUBCASE("amounts we format are numbers, never prefixed") {
        CHECK(csv_number_cell(format_decimal(-1200)) == "-12.00");
        CHECK(csv_text_cell("-12.00") == "'-12.00");
    }
    SUBCASE("a formula in the middle is harmless and left alone") { CHECK(csv_text_cell("a=1") == "a=1"); }
}

TEST_CASE("csv writer: header, CRLF, padded rows, optional BOM") {
    CsvWriter w({"a", "b"});
    w.text("x").end_row();
    w.number(std::int64_t{-5}).text("y,z").end_row();
    CHECK(w.str() == "a,b\r\nx,\r\n-5,\"y,z\"\r\n");
    CHECK(w.str(true) == "\xEF\xBB\xBF" "a,b\r\nx,\r\n-5,\"y,z\"\r\n");
}

TEST_CASE("csv exports survive nasty values and read back as written") {
    const Catalog c = documents_catalog();
    Book b = hostile_book();
    b.organisations[3].name = "=cmd|' /C calc'!A0";
    b.organisations[4].name = "Quote \"Inc\", Ltd.\r\nSecond line";
    b.payments[0].method = "@wire";
    const Date on = d("2026-11-22");

    SUBCASE("organisations") {
        auto rows = parse_csv(export_csv(c, b, CsvKind::Organisations, on));
        REQUIRE(rows.size() == b.organisations.size() + 1);
        CHECK(rows[0][0] == "id");
        CHECK(rows[0][1] == "name");
        for (const auto& r : rows) CHECK(r.size() == rows[0].size());
        CHECK(rows[1][1] == kScriptName);
        CHECK(rows[2][1] == "Universit\u00e9 de Gen\u00e8ve");
        CHECK(rows[3][1] == kImgName);
        CHECK(rows[4][1] == "'=cmd|' /C calc'!A0");
        CHECK(rows[5][1] == "Quote \"Inc\", Ltd.\r\nSecond line");
        CHECK(rows[1][10] == "lapsed");
        CHECK(rows[2][13] == "b@example.org");
    }
    SUBCASE("invoices") {
        auto rows = parse_csv(export_csv(c, b, CsvKind::Invoices, on));
        REQUIRE(rows.size() == b.invoices.size() + 1);
        CHECK(rows[0] == std::vector<std::string>{"id", "number", "org", "org_name", "issued", "due", "currency",
                                                  "total", "paid", "outstanding", "status", "membership_year",
                                                  "tier", "days_overdue"});
        // a26: 10,000.00 invoiced, 4,000.00 paid, overdue since 2026-02-09.
        CHECK(rows[2][0] == "a26");
        CHECK(rows[2][3] == kScriptName);
        CHECK(rows[2][7] == "10000.00");
        CHECK(rows[2][8] == "4000.00");
        CHECK(rows[2][9] == "6000.00");
        CHECK(rows[2][10] == "overdue");
        CHECK(rows[2][13] == "286");
        CHECK(rows[2][11] == "2026");
    }
    SUBCASE("payments") {
        auto rows = parse_csv(export_csv(c, b, CsvKind::Payments, on));
        REQUIRE(rows.size() == b.payments.size() + 1);
        CHECK(rows[1][7] == "10000.00");
        CHECK(rows[1][6] == "USD");
        CHECK(rows[1][8] == "'@wire");
    }
    SUBCASE("aging agrees with the report, oldest first") {
        auto rows = parse_csv(export_csv(c, b, CsvKind::Aging, on));
        Report r = build_report(b, c, 2026, on);
        REQUIRE(rows.size() == static_cast<std::size_t>(r.aging.invoices) + 1);
        std::int64_t sum = 0;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const std::string& amount = rows[i][9];
            const std::size_t dot = amount.find('.');
            sum += std::stoll(amount.substr(0, dot)) * 100 + std::stoll(amount.substr(dot + 1));
        }
        CHECK(sum == r.aging.amount);
        CHECK(rows[1][7] == "90+");
        CHECK(std::stoi(rows[1][6]) >= std::stoi(rows[2][6]));
    }
    SUBCASE("deterministic and golden") {
        check_golden_text(export_csv(c, small_book(), CsvKind::Invoices, on), "invoices.csv");
        check_golden_text(export_csv(c, small_book(), CsvKind::Aging, on), "aging.csv");
    }
}

TEST_CASE("csv kinds by name") {
    CHECK(csv_kind_from("aging") == CsvKind::Aging);
    CHECK(csv_kind_from("organisations") == CsvKind::Organisations);
    CHECK_FALSE(csv_kind_from("contacts"));
    CHECK(std::string(aging_bucket(0)) == "not_yet_due");
    CHECK(std::string(aging_bucket(1)) == "0-30");
    CHECK(std::string(aging_bucket(91)) == "90+");
}
