// The invariants of docs/reliability.md, one class at a time: checked money, the date range,
// text rules, duplicate names in every reader, NUL and trailing bytes, name keys.
#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/actions.hpp"
#include "core/intake.hpp"
#include "core/json_io.hpp"
#include "core/reminders.hpp"
#include "core/text_rules.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

const Catalog& bundled() {
    static const Catalog c = *read_catalog(bundled_catalog_text()).value;
    return c;
}

ActionContext at(const char* day) { return {"alice", std::string(day) + "T09:30:00Z", d(day)}; }

bool has(const Problems& ps, const std::string& pointer, const std::string& fragment) {
    for (const Problem& p : ps)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}

std::string book_with(const std::string& invoices, const std::string& payments = "[]") {
    return R"({"schema":"portal-book/1","organisations":[{"id":"o1","name":"One","type":"library","country":"GB","tier":null}],)"
           R"("invoices":)" + invoices + R"(,"payments":)" + payments + "}";
}

std::string invoice(const std::string& id, std::int64_t amount, const char* currency = "USD", const char* state = "sent") {
    return R"({"id":")" + id + R"(","number":"N-)" + id + R"(","org":"o1","issued":"2027-01-10","due":"2027-02-09","currency":")" +
           currency + R"(","status":")" + state + R"(","lines":[{"description":"Fee","amount":)" + std::to_string(amount) + "}]}";
}

}  // namespace

TEST_CASE("checked money: sums and products say 'too large' instead of wrapping") {
    CHECK(checked_add(INT64_MAX, 1) == std::nullopt);
    CHECK(checked_add(INT64_MIN, -1) == std::nullopt);
    CHECK(checked_add(2, 3) == 5);
    CHECK(checked_mul(INT64_MAX / 2 + 1, 2) == std::nullopt);
    CHECK(checked_mul(-4, 5) == -20);
    CHECK(checked_scale(INT64_MAX, 3, 2) == std::nullopt);
    CHECK(checked_scale(1000, 1, 3) == 333);
    CHECK(checked_scale(1000, 2, 3) == 667);
    CHECK(checked_scale(5, 1, 0) == std::nullopt);
    CHECK(add(Money{INT64_MAX, "USD"}, Money{1, "USD"}) == std::nullopt);
    CHECK(subtract(Money{INT64_MIN, "USD"}, Money{1, "USD"}) == std::nullopt);
    std::int64_t total = kMaxBookTotal - 5;
    CHECK_FALSE(add_within(total, 6));
    CHECK(total == kMaxBookTotal - 5);
    CHECK(add_within(total, 5));
    CHECK(total == kMaxBookTotal);
    CHECK(saturating_add(INT64_MAX, 5) == INT64_MAX);
}

TEST_CASE("money limits: one amount, one invoice's lines, the book's totals") {
    const Catalog& c = bundled();
    SUBCASE("a line over kMaxAmount is refused where it is") {
        Read<Book> r = read_book(book_with("[" + invoice("i1", kMaxAmount + 1) + "]"), c);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.problems, "/invoices/0/lines/0/amount", "over the maximum"));
    }
    SUBCASE("lines that sum past the book's maximum are refused at the line that passes it") {
        std::string list = "[";
        const int n = static_cast<int>(kMaxBookTotal / kMaxAmount) + 1;
        for (int i = 0; i < n; ++i) list += (i ? "," : "") + invoice("i" + std::to_string(i), kMaxAmount);
        list += "]";
        Read<Book> r = read_book(book_with(list), c);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.problems, "/invoices/" + std::to_string(n - 1) + "/lines/0/amount", "invoiced total over its maximum"));
    }
    SUBCASE("payments that sum past the maximum are refused, on the reader and by payment.record") {
        std::string pays = "[";
        const int n = static_cast<int>(kMaxBookTotal / kMaxAmount) + 1;
        for (int i = 0; i < n; ++i)
            pays += std::string(i ? "," : "") + R"({"id":"p)" + std::to_string(i) +
                    R"(","invoice":"i1","date":"2027-01-11","amount":)" + std::to_string(kMaxAmount) + "}";
        pays += "]";
        Read<Book> r = read_book(book_with("[" + invoice("i1", 100) + "]", pays), c);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.problems, "/payments/" + std::to_string(n - 1) + "/amount", "maximum total"));

        // The same book one payment short is valid; the action that would pass the total is refused.
        pays = pays.substr(0, pays.rfind(",{")) + "]";
        Read<Book> ok = read_book(book_with("[" + invoice("i1", 100) + "]", pays), c);
        REQUIRE(ok.ok());
        Book b = *ok.value;
        const std::string before = write_book(b);
        ApplyResult a = apply_action(b, c, {{"type", "payment.record"}, {"invoice", "i1"}, {"amount", kMaxAmount}, {"date", "2027-01-12"}},
                                     at("2027-01-12"));
        CHECK_FALSE(a.ok);
        CHECK(has(a.problems, "/amount", "maximum total"));
        CHECK(write_book(b) == before);
    }
    SUBCASE("an action amount over kMaxAmount is refused") {
        Book b = *read_book(book_with("[" + invoice("i1", 100) + "]"), c).value;
        ApplyResult a = apply_action(b, c, {{"type", "payment.record"}, {"invoice", "i1"}, {"amount", kMaxAmount + 1}}, at("2027-01-12"));
        CHECK(has(a.problems, "/amount", "between 1 and"));
        ApplyResult l = apply_action(b, c, {{"type", "invoice.create"}, {"org", "o1"}, {"lines", {{{"description", "x"}, {"amount", kMaxAmount + 1}}}}},
                                     at("2027-01-12"));
        CHECK(has(l.problems, "/lines/0/amount", "between 0 and"));
    }
    SUBCASE("a catalog fee over kMaxAmount is refused") {
        Json doc = *parse_json_text(bundled_catalog_text()).value;
        doc["tiers"][0]["annual_fee"] = INT64_MAX;
        Read<Catalog> r = catalog_from_json(doc);
        REQUIRE_FALSE(r.ok());
        CHECK(has(r.problems, "/tiers/0/annual_fee", "over the maximum"));
    }
}

TEST_CASE("one currency per book: the catalog's") {
    Read<Book> r = read_book(book_with("[" + invoice("i1", 100, "JPY") + "]"), bundled());
    REQUIRE_FALSE(r.ok());
    CHECK(has(r.problems, "/invoices/0/currency", "not the book's currency"));
}

TEST_CASE("the book reader applies the actions' rules to payments and lines") {
    SUBCASE("payment on a void invoice") {
        Read<Book> r = read_book(book_with("[" + invoice("i1", 100, "USD", "void") + "]",
                                           R"([{"id":"p1","invoice":"i1","date":"2027-01-11","amount":5}])"),
                                 bundled());
        CHECK(has(r.problems, "/payments/0/invoice", "payments go on sent invoices only"));
    }
    SUBCASE("payment dated before its invoice") {
        Read<Book> r = read_book(book_with("[" + invoice("i1", 100) + "]",
                                           R"([{"id":"p1","invoice":"i1","date":"2027-01-09","amount":5}])"),
                                 bundled());
        CHECK(has(r.problems, "/payments/0/date", "before its invoice was issued"));
    }
    SUBCASE("an invoice without lines") {
        std::string inv = invoice("i1", 100);
        inv.replace(inv.find("[{"), inv.find("}]") + 2 - inv.find("[{"), "[]");
        CHECK(has(read_book(book_with("[" + inv + "]"), bundled()).problems, "/invoices/0/lines", "at least one line"));
    }
}

TEST_CASE("dates: one supported range, every derived date checked") {
    CHECK(Date::parse("1900-01-01") == Date::min());
    CHECK(Date::parse("9999-12-31") == Date::max());
    CHECK_FALSE(Date::parse("0000-01-01"));
    CHECK_FALSE(Date::parse("1899-12-31"));
    CHECK(date_problem("0000-01-01") == "is outside the supported range 1900-01-01 to 9999-12-31");
    CHECK(date_problem("2027-02-30") == "is not a real calendar date");
    CHECK(date_problem("2027-2-3") == "is not a date in YYYY-MM-DD form");
    CHECK(Date::max().plus_days(1) == std::nullopt);
    CHECK(Date::min().plus_days(-1) == std::nullopt);
    CHECK(Date::max().plus_days(-1)->iso() == "9999-12-30");
    CHECK(Date::max().plus_days(INT64_MAX) == std::nullopt);
    CHECK(Date::max().plus_months(1) == std::nullopt);
    CHECK(timestamp_problem("2027-03-01T09:30:00Z").empty());
    CHECK(timestamp_problem("2027-03-01T25:61:61Z").find("real time of day") != std::string::npos);
    CHECK(timestamp_problem("2027-03-01T09:30:00").find("form") != std::string::npos);
    CHECK(timestamp_problem("0000-03-01T09:30:00Z").find("supported range") != std::string::npos);

    const Catalog& c = bundled();
    SUBCASE("an invoice issued on the last day gets no due date past the range") {
        Book b = *read_book(book_with("[]"), c).value;
        ApplyResult r = apply_action(b, c, {{"type", "invoice.create"}, {"org", "o1"}, {"issued", "9999-12-31"},
                                            {"lines", {{{"description", "x"}, {"amount", 5}}}}},
                                     at("2027-01-01"));
        CHECK_FALSE(r.ok);
        CHECK(has(r.problems, "/issued", "would be after 9999-12-31"));
        CHECK(b.invoices.empty());
    }
    SUBCASE("a catalog's terms are bounded, so no date arithmetic overflows") {
        Json doc = *parse_json_text(bundled_catalog_text()).value;
        doc["invoicing"]["payment_terms_days"] = 2147483647;
        CHECK(has(catalog_from_json(doc).problems, "/invoicing/payment_terms_days", "at most 3660 days"));
    }
    SUBCASE("a book date out of range") {
        std::string inv = invoice("i1", 100);
        inv.replace(inv.find("2027-01-10"), 10, "0000-01-01");
        CHECK(has(read_book(book_with("[" + inv + "]"), c).problems, "/invoices/0/issued", "outside the supported range"));
    }
}

TEST_CASE("text rules: control characters and bidi controls refused in the reader and the actions alike") {
    CHECK(line_text_problem("Acme").empty());
    CHECK(line_text_problem("Ac\rme").find("U+000D") != std::string::npos);
    CHECK(line_text_problem("Acme\xE2\x80\xAEgnp.exe").find("bidirectional") != std::string::npos);
    CHECK(line_text_problem("a\xC2\x85" "b").find("U+0085") != std::string::npos);
    CHECK(free_text_problem("line one\nline two\tend").empty());
    CHECK_FALSE(free_text_problem("bell\x07").empty());
    CHECK(email_problem("a@b.org").empty());
    CHECK_FALSE(email_problem("a@b.org\r\nBcc: x@y.org").empty());
    CHECK(neutralise_text("A\xE2\x80\xAE" "B\x01" "C\n", true) == "A\xEF\xBF\xBD" "B\xEF\xBF\xBD" "C\n");

    const Catalog& c = bundled();
    Book b = *read_book(book_with("[]"), c).value;
    const std::string before = write_book(b);
    ApplyResult r1 = apply_action(b, c, {{"type", "org.update"}, {"id", "o1"}, {"set", {{"contacts", {{{"name", "X"}, {"email", "x@y.org\r\nBcc: z@w.org"}}}}}}},
                                  at("2027-01-01"));
    CHECK(has(r1.problems, "/set/contacts/0/email", "U+000D"));
    ApplyResult r2 = apply_action(b, c, {{"type", "org.update"}, {"id", "o1"}, {"set", {{"name", "Evil\xE2\x80\xAE"}}}}, at("2027-01-01"));
    CHECK(has(r2.problems, "/set/name", "bidirectional"));
    ApplyResult r3 = apply_action(b, c, {{"type", "org.update"}, {"id", "o1"}, {"set", {{"name", "   "}}}}, at("2027-01-01"));
    CHECK(has(r3.problems, "/set/name", "blank"));
    ApplyResult r4 = apply_action(b, c, {{"type", "org.update"}, {"id", "o1"}, {"set", {{"country", "ZZ"}}}}, at("2027-01-01"));
    CHECK(has(r4.problems, "/set/country", "ISO 3166-1"));
    CHECK(write_book(b) == before);

    std::string text = book_with("[]");
    CHECK(has(read_book(std::string(text).replace(text.find("\"One\""), 5, "\"  \""), c).problems, "/organisations/0/name", "blank"));
    CHECK(has(read_book(std::string(text).replace(text.find("\"One\""), 5, "\"O\\u202Ene\""), c).problems, "/organisations/0/name",
              "bidirectional"));
    CHECK(has(read_book(std::string(text).replace(text.find("\"GB\""), 4, "\"ZZ\""), c).problems, "/organisations/0/country",
              "not a country code"));
}

TEST_CASE("org.update cannot move member_since after cancelled_on") {
    const Catalog& c = bundled();
    Book b = *read_book(R"({"schema":"portal-book/1","organisations":[{"id":"o1","name":"One","type":"library","country":"GB",)"
                        R"("tier":"associate","member_since":"2026-01-01","cancelled_on":"2026-06-01"}]})",
                        c)
                  .value;
    ApplyResult r = apply_action(b, c, {{"type", "org.update"}, {"id", "o1"}, {"set", {{"member_since", "2026-07-01"}}}}, at("2027-01-01"));
    CHECK(has(r.problems, "/set/member_since", "after it was cancelled"));
}

TEST_CASE("duplicate member names are refused in every reader, unknown members included") {
    const Catalog& c = bundled();
    Read<Json> a = parse_json_text(R"({"type":"org.add","type":"org.cancel"})");
    REQUIRE_FALSE(a.ok());
    CHECK(has(a.problems, "/type", "more than once"));
    CHECK(has(parse_json_text(R"([{"a":{"b":1,"b":2}}])").problems, "/0/a/b", "more than once"));
    std::string text = book_with("[]");
    text.replace(text.find("\"tier\":null"), 11, "\"tier\":null,\"x-extra\":1,\"x-extra\":2");
    CHECK(has(read_book(text, c).problems, "/organisations/0/x-extra", "more than once"));
}

TEST_CASE("a NUL byte or anything after the document is refused, numbers too long are named so") {
    const Catalog& c = bundled();
    std::string text = book_with("[]");
    Read<Book> nul = read_book(text + std::string("\0junk", 5), c);
    REQUIRE_FALSE(nul.ok());
    CHECK(has(nul.problems, "", "NUL byte"));
    CHECK_FALSE(read_book(text + " x", c).ok());
    Read<Json> big = parse_json_text("[" + std::string(5000, '9') + "]");
    REQUIRE_FALSE(big.ok());
    CHECK(has(big.problems, "", "number too long (5000 characters)"));
}

TEST_CASE("name keys: NFC and NFD, case and accents compare equal") {
    CHECK(name_key("Universit\xC3\xA9 de Gen\xC3\xA8ve") == name_key("universite\xCC\x81 de GENE\xCC\x80VE"));
    CHECK(name_key("Universit\xC3\xA9") == "universite");
    CHECK(name_key("\xD0\x99\xD0\xBE\xD1\x80\xD0\xBA") == name_key("\xD0\xB8\xCC\x86\xD0\xBE\xD1\x80\xD0\xBA"));  // Йорк == и + breve
    CHECK(name_key("\xCE\x86\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1") == name_key("\xCE\xB1\xCC\x81\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1"));  // Άθηνα
    CHECK(name_key("A & B") == name_key("a and b"));
    CHECK(name_key("Smith") != name_key("Smyth"));

    Book b;
    Organisation o = member("o1", nullptr, nullptr);
    o.name = "Biblioth\xC3\xA8que nationale";
    o.country = "FR";
    b.organisations.push_back(o);
    CHECK(find_duplicate(b, "BIBLIOTHE\xCC\x80QUE NATIONALE", "FR").has_value());
}

TEST_CASE("reminders: file-safe .eml with folded lines and neutralised text") {
    ReminderDraft r;
    r.invoice = "inv-1";
    r.number = std::string(5000, 'N');
    r.stage = "first";
    r.subject = "Reminder " + std::string(300, 'x') + " end";
    r.body = "Dear \xE2\x80\xAE member,\n" + std::string(3000, 'y') + "\nthanks";
    r.to = {{"Bob\r\nBcc: evil@x.org", "bob@example.org"}};
    ConsortiumDetails from{"IIIF", "", "admin@iiif.io", "", Json()};
    const std::string m = eml_message(r, from, d("2027-01-01"));
    std::size_t longest = 0;
    for (std::size_t start = 0; start < m.size();) {
        std::size_t end = m.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        longest = std::max(longest, end - start);
        start = end + 2;
    }
    CHECK(longest <= 998);
    CHECK(m.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(m.find("\r\nBcc:") == std::string::npos);
    CHECK(m.find("\r\n\r\n") == m.find("\r\n\r\nDear"));  // the first empty line ends the headers
}
