// The fast lexer (src/core/json_lexer.hpp) against nlohmann's SAX parser, event by event: on
// every text nlohmann accepts it must give the same events, and refuse every text nlohmann
// refuses (the reader then asks nlohmann again, for its messages).
#include <doctest/doctest.h>

#include <cstdio>

#include "core/json_lexer.hpp"
#include "core/json_reader.hpp"
#include "core/synthetic.hpp"
#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

struct Recorder {
    std::vector<std::string> events;
    long stop_after = -1;  // return false on this event (0-based), as a handler that stops does
    bool failed = false;
    bool add(std::string e) {
        events.push_back(std::move(e));
        return stop_after < 0 || static_cast<long>(events.size()) <= stop_after;
    }
    bool null() { return add("null"); }
    bool boolean(bool b) { return add(b ? "true" : "false"); }
    bool number_integer(std::int64_t i) { return add("int " + std::to_string(i)); }
    bool number_unsigned(std::uint64_t u) { return add("uint " + std::to_string(u)); }
    bool number_float(double d, const std::string& raw) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return add("float " + std::string(buf) + " " + raw);
    }
    bool string(const std::string& s) { return add("string " + s); }
    bool binary(Json::binary_t&) { return add("binary"); }
    bool start_object(std::size_t n) { return add("{" + std::to_string(n)); }
    bool start_array(std::size_t n) { return add("[" + std::to_string(n)); }
    bool key(const std::string& k) { return add("key " + k); }
    bool end_object() { return add("}"); }
    bool end_array() { return add("]"); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
        failed = true;
        return false;
    }
};

// Compares the two on `text`; with `stop_after` both handlers stop at that event.
void compare(const std::string& text, long stop_after = -1) {
    Recorder ref, fast;
    ref.stop_after = fast.stop_after = stop_after;
    bool ref_ok = Json::sax_parse(text, &ref);
    jsonr::Lex lex = jsonr::lex_json(text, fast);
    CAPTURE(text);
    CAPTURE(stop_after);
    if (ref.failed) {
        CHECK(lex == jsonr::Lex::NotJson);
        return;
    }
    if (lex == jsonr::Lex::NotJson && text.rfind("\xEF\xBB\xBF", 0) == 0) return;  // BOM: left to nlohmann
    CHECK(lex == (ref_ok ? jsonr::Lex::Done : jsonr::Lex::Stopped));
    CHECK(fast.events == ref.events);
}

const std::vector<std::string>& cases() {
    static const std::vector<std::string> c = {
        "", " ", "{}", "[]", " { } ", "[ ]", "{\"a\":1}", "[1,2,3]", "null", "true", "false", "0", "-0", "1.5", "\"x\"",
        "tru", "nul", "falsey", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\" 1}", "{\"a\":}", "{1:2}", "{\"a\":1 \"b\":2}",
        "01", "-", "-a", "1.", "1.e5", ".5", "1e", "1e+", "1E-3", "1e308", "1e309", "-1e309", "123456789012345678901234567890",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "9223372036854775808",
        "[1e2,1E2,0.0,-0.0,2.5e-3]", "\"\\u0041\\u00e9\\u4e2d\"", "\"\\ud834\\udd1e\"", "\"\\ud834\"", "\"\\udd1e\"",
        "\"\\ud834\\u0041\"", "\"\\uD834\\uDD1E\"", "\"\\u00\"", "\"\\x\"", "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"", "\"\\u0000\"",
        "\"a\tb\"", "\"a\nb\"", std::string("\"a\0b\"", 5), "\"\x7f\"", "\"\xc3\xa9\"", "\"\xc3\"", "\"\xc0\xaf\"",
        "\"\xed\xa0\x80\"", "\"\xf4\x8f\xbf\xbf\"", "\"\xf4\x90\x80\x80\"", "\"\xe0\xa0\x80\"", "\"\xe0\x9f\xbf\"",
        "\"\xff\"", "\"abc", "[1,2", "{\"a\":[1,{\"b\":null}]}", "{\"a\":1}x", "{\"a\":1} ", "{\"a\":1}\n\t\r ",
        "\xEF\xBB\xBF{\"a\":1}", "[1]//c", "/*c*/[1]", "[1] [2]", "[\"a\"\"b\"]", "[true false]", "[nul]", "[-]",
        "{\"schema\":\"portal-book/1\",\"x\":[[[[[]]]]]}", "\f[1]", "[1\f]", "\"\\u12G4\"", "\"\\U0041\"", "[1.0e+00]",
        "{\"\":\"\"}", "{\"a\":1,\"a\":2}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};
    return c;
}

}  // namespace

TEST_CASE("lexer: the same events as nlohmann, or a refusal where nlohmann refuses") {
    for (const std::string& text : cases()) compare(text);
}

TEST_CASE("lexer: a handler that stops stops both at the same event") {
    for (const std::string& text : cases())
        for (long k = 0; k < 6; ++k) compare(text, k);
}

TEST_CASE("lexer: random mutations of a real book") {
    SyntheticOptions opt;
    opt.organisations = 6;
    opt.years = 1;
    Book b = generate_book(bundled_catalog(), opt);
    b.organisations[0].notes = "Zürich \"q\" \\ \n 𝄞 \x01";
    std::string book = write_book(b);
    compare(book);
    compare(book_to_json(b).dump(2));  // with whitespace
    static const char alphabet[] = "{}[]:,\"\\ \n-+.eE0123456789tfnulrsaxu\xc3\xa9\xff\xed";
    SyntheticRng rng(42);
    for (int n = 0; n < 3000; ++n) {
        std::string text = book;
        for (int edits = static_cast<int>(rng.between(1, 3)); edits > 0; --edits) {
            std::size_t at = static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(text.size())));
            char c = alphabet[rng.below(sizeof alphabet - 1)];
            switch (rng.below(4)) {
                case 0: text[at] = c; break;
                case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                case 2: text.erase(at, 1); break;
                default: text.resize(at); break;
            }
        }
        compare(text);
    }
}

TEST_CASE("read_book: text the lexer refuses is read again by nlohmann, with its messages") {
    const Catalog& cat = bundled_catalog();
    auto r = read_book("{\"schema\":\"portal-book/1\",\"organisations\":[{\"id\":1}],}", cat);
    // What nlohmann's pass reports (the member problems met before the error, then the error),
    // each once: nothing kept from the fast pass.
    INFO(describe(r.problems));
    CHECK(has_problem(r.problems, "", "not valid JSON: unexpected '}' at line 1, column 54 (byte 53)"));
    CHECK(has_problem(r.problems, "/organisations/0/id", "must be a non-empty string, got a number"));
    for (std::size_t i = 0; i < r.problems.size(); ++i)
        for (std::size_t j = i + 1; j < r.problems.size(); ++j) CHECK_FALSE(r.problems[i] == r.problems[j]);
    auto bom = read_book("\xEF\xBB\xBF{\"schema\":\"portal-book/1\"}", cat);
    CHECK(bom.ok());  // nlohmann skips a byte order mark: still does
    CHECK(sniff_schema("\xEF\xBB\xBF{\"schema\":\"portal-book/1\"}") == "portal-book/1");
    CHECK(sniff_schema(write_book(Book{})) == "portal-book/1");
    auto json = parse_json_text("[1, 2.5, \"x\", {\"a\": null}]");
    REQUIRE(json.ok());
    CHECK(*json.value == Json::parse("[1, 2.5, \"x\", {\"a\": null}]"));
    CHECK_FALSE(parse_json_text("[1, 2.5,]").ok());
}
