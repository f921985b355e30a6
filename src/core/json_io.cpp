// Generic JSON entry points: limited parsing into a DOM, and finding a document's schema.
// The formats themselves live in json_catalog.cpp, json_book.cpp, json_application.cpp and
// json_rates.cpp; the reader they share in json_reader.cpp.
#include "core/json_io.hpp"

#include "core/json_lexer.hpp"
#include "core/json_reader.hpp"

namespace portal {

using namespace jsonr;

namespace {

// The document slot when any JSON value is accepted.
class AnyRoot final : public Frame {
public:
    explicit AnyRoot(Json* out) : out_(out) {}
    void token(std::string&) const override {}
    void scalar(Ctx&, const Scalar& v) override { *out_ = v.to_json(); }
    Frame* open(Ctx& ctx, bool array) override {
        *out_ = array ? Json::array() : Json::object();
        return ctx.any(out_, array);
    }

private:
    Json* out_;
};

// Stops at the top-level "schema" member's value.
class SchemaSniffer {
public:
    std::string schema;
    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(std::int64_t) { return value(); }
    bool number_unsigned(std::uint64_t) { return value(); }
    bool number_float(double, const std::string&) { return value(); }
    bool string(const std::string& s) {
        if (depth_ == 1 && at_schema_) {
            schema = s;
            return false;
        }
        return value();
    }
    bool binary(Json::binary_t&) { return value(); }
    bool start_object(std::size_t) { return open(); }
    bool start_array(std::size_t) {
        if (depth_ == 0) return false;  // not an object
        return open();
    }
    bool key(const std::string& k) {
        at_schema_ = depth_ == 1 && k == "schema";
        return true;
    }
    bool end_object() { return --depth_ > 0; }
    bool end_array() { return --depth_ > 0; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    bool value() { return !(depth_ <= 1 && at_schema_) && depth_ > 0; }
    bool open() {
        if (depth_ == 1 && at_schema_) return false;  // "schema" is not a string
        ++depth_;
        return depth_ <= 256;  // deep documents are not our business here; stop quietly
    }
    int depth_ = 0;
    bool at_schema_ = false;
};

}  // namespace

Read<Json> parse_json_text(std::string_view text, const ReadLimits& limits) {
    return read_text_twice([&](bool fast) -> std::optional<Read<Json>> {
        Ctx ctx(limits);
        Json value;
        AnyRoot root(&value);
        if (fast) {
            if (!run_text_fast(ctx, text, root)) return std::nullopt;
        } else {
            run_text(ctx, text, root);
        }
        Read<Json> out;
        out.problems = ctx.finish_problems();
        if (out.problems.empty()) out.value = std::move(value);
        return out;
    });
}

std::string dump_json(const Json& j, int indent) { return safe_dump(j, indent); }

std::string schema_of(const Json& doc) {
    if (!doc.is_object()) return "";
    auto it = doc.find("schema");
    return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string sniff_schema(std::string_view text) {
    SchemaSniffer sniffer;
    if (lex_json(text, sniffer) != Lex::NotJson) return sniffer.schema;
    sniffer = SchemaSniffer{};  // not JSON for the fast lexer: nlohmann decides (a leading BOM, ...)
    try {
        Json::sax_parse(text.data(), text.data() + text.size(), &sniffer);
    } catch (...) {
        return "";  // sax_parse does not throw with a handler that never throws; belt and braces
    }
    return sniffer.schema;
}

}  // namespace portal
