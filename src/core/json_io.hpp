// Strict JSON reading and writing for the product's formats (docs/formats.md, docs/schemas/).
//
// Reading never throws and never yields a partial object: either `value` is set and `problems`
// is empty, or `value` is empty and `problems` lists every problem found, each with its JSON
// Pointer (RFC 6901) and a plain message. Writing then reading gives back an equal object.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace portal {

inline constexpr const char* kCatalogSchema = "portal-catalog/1";
inline constexpr const char* kBookSchema = "portal-book/1";
inline constexpr const char* kApplicationSchema = "portal-application/1";
inline constexpr const char* kRatesSchema = "portal-rates/1";
inline constexpr const char* kPublicSchema = "portal-public/1";

struct ReadLimits {
    std::size_t max_bytes = std::size_t(256) << 20;  // 256 MiB
    int max_depth = 64;
    std::size_t max_problems = 1000;  // further problems are counted in one final note
};

template <class T>
struct Read {
    std::optional<T> value;
    Problems problems;
    bool ok() const { return value.has_value(); }
};

// Text -> JSON with the size and nesting limits enforced; syntax errors give the byte offset.
Read<Json> parse_json_text(std::string_view text, const ReadLimits& limits = {});
// j as JSON text, never throwing (invalid UTF-8 replaced), with numbers of unknown members kept as
// written (json_reader.hpp): the one way to write a DOM that may hold a book's unknown members.
std::string dump_json(const Json& j, int indent = -1);
// The document's "schema" member, or "" when absent or not a string.
std::string schema_of(const Json& doc);
// The same from text, without building a DOM: stops at the top-level "schema" member
// ("" when the text is not a JSON object or has no string "schema").
std::string sniff_schema(std::string_view text);

Read<Catalog> read_catalog(std::string_view text, const ReadLimits& limits = {});
Read<Catalog> catalog_from_json(const Json& doc);
Json catalog_to_json(const Catalog& catalog);

// Books and applications refer to the catalog's tiers and organisation types.
Read<Book> read_book(std::string_view text, const Catalog& catalog, const ReadLimits& limits = {});
Read<Book> book_from_json(const Json& doc, const Catalog& catalog);
Json book_to_json(const Book& book);
std::string write_book(const Book& book);  // book_to_json(book).dump(), compact

Read<Application> read_application(std::string_view text, const Catalog& catalog, const ReadLimits& limits = {});
Read<Application> application_from_json(const Json& doc, const Catalog& catalog);
Json application_to_json(const Application& application);

// Exchange rates (assets/rates.json): how many units of a currency one unit of the base buys,
// as an exact decimal ("0.9215" -> 9215/10000), never a float.
struct Rate {
    std::string code;        // "EUR"
    std::string name;        // "Euro"
    std::int64_t num = 1;    // rate = num / den
    std::int64_t den = 1;
    int minor_digits = 2;    // JPY: 0
};
struct Rates {
    std::string base = "USD";   // has two minor digits (USD)
    Date date;
    std::vector<Rate> rates;
    std::string source;         // where and when the snapshot was taken (free text, optional)
    Json extra = Json::object();
    const Rate* find(const std::string& code) const;
};
Read<Rates> read_rates(std::string_view text, const ReadLimits& limits = {});
Json rates_to_json(const Rates& rates);
// Base-currency money -> the rate's currency, rounded half away from zero to its minor unit.
// nullopt when `m` is not in the base currency.
std::optional<Money> convert(const Money& m, const Rates& rates, const Rate& rate);
// Formats with the currency's own number of minor digits ("1,234 JPY", "9,215.00 EUR").
std::string format_money_digits(std::int64_t minor_units, int minor_digits, const std::string& code);

// Data compiled into the binaries (assets/catalog.json and assets/rates.json at build time), so
// the CLI and the kiosk work with no file at hand.
std::string_view bundled_catalog_text();
std::string_view bundled_rates_text();

}  // namespace portal
