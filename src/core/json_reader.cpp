// The streaming reader shared by every format (see json_reader.hpp for the why).
#include "core/json_reader.hpp"

#include <atomic>
#include <climits>
#include <cstdio>
#include <cmath>
#include <cstdlib>

#include "core/json_lexer.hpp"
#include "core/money.hpp"
#include "core/text_rules.hpp"

namespace portal::jsonr {

// [SECTION] Values and pointers ---------------------------------------------------------------

namespace {
constexpr std::uint8_t kRawNumber = 0x6E;  // binary subtype marking a number kept as written

// Whether nlohmann would write `d` back as exactly `raw` (then a double holds it faithfully).
bool writes_back_as(double d, const std::string& raw) {
    try {
        return Json(d).dump() == raw;
    } catch (...) {
        return false;
    }
}
}  // namespace

Json raw_number(std::string_view text) {
    return Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kRawNumber);
}

const Json::binary_t* as_raw_number(const Json& j) {
    if (!j.is_binary()) return nullptr;
    const Json::binary_t& b = j.get_binary();
    return b.has_subtype() && b.subtype() == kRawNumber ? &b : nullptr;
}

Json Scalar::to_json() const {
    switch (kind) {
        case Bool: return b;
        case Int: return i;
        case Uint: return u;
        case Float:
            // 18446744073709551617, 1e3, 0.10: a number a double would change is kept as its text.
            if (raw && !writes_back_as(d, *raw)) return raw_number(*raw);
            return d;
        case String: return *s;
        case Null: break;
    }
    return nullptr;
}

const char* Scalar::type_name() const {
    switch (kind) {
        case Bool: return "a boolean";
        case Int:
        case Uint:
        case Float: return "a number";
        case String: return "a string";
        case Null: break;
    }
    return "null";
}

void append_token(std::string& out, std::string_view token) {
    out += '/';
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
}

void append_index(std::string& out, std::size_t index) {
    out += '/';
    out += std::to_string(index);
}

std::string pointer_join(std::string_view base, std::string_view token) {
    std::string out(base);
    append_token(out, token);
    return out;
}

namespace {

bool holds_raw_number(const Json& j) {
    if (j.is_binary()) return true;
    if (j.is_object()) {
        for (const auto& [k, v] : j.get_ref<const Json::object_t&>())
            if (holds_raw_number(v)) return true;
    } else if (j.is_array()) {
        for (const Json& v : j.get_ref<const Json::array_t&>())
            if (holds_raw_number(v)) return true;
    }
    return false;
}

// nlohmann's compact dump, except that a number kept as written goes out as written.
void dump_keeping_numbers(std::string& out, const Json& j) {
    if (const Json::binary_t* raw = as_raw_number(j)) {
        out.append(raw->begin(), raw->end());
    } else if (j.is_object()) {
        out += '{';
        bool first = true;
        for (const auto& [k, v] : j.get_ref<const Json::object_t&>()) {
            if (!first) out += ',';
            first = false;
            out += Json(k).dump(-1, ' ', false, Json::error_handler_t::replace);
            out += ':';
            dump_keeping_numbers(out, v);
        }
        out += '}';
    } else if (j.is_array()) {
        out += '[';
        bool first = true;
        for (const Json& v : j.get_ref<const Json::array_t&>()) {
            if (!first) out += ',';
            first = false;
            dump_keeping_numbers(out, v);
        }
        out += ']';
    } else if (j.is_binary()) {
        out += "null";  // no other binary value comes from JSON text
    } else {
        out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

}  // namespace

std::string safe_dump(const Json& j, int indent) {
    try {
        if (holds_raw_number(j)) {  // compact, whatever `indent` asked: only our writer knows these
            std::string out;
            dump_keeping_numbers(out, j);
            return out;
        }
        return j.dump(indent, ' ', false, Json::error_handler_t::replace);
    } catch (...) {
        return "null";  // unreachable for a well-formed Json; never let a throw escape
    }
}

std::string quote(std::string_view text) {
    constexpr std::size_t kMax = 60;
    bool cut = text.size() > kMax;
    std::string s = safe_dump(Json(std::string(text.substr(0, kMax))));
    if (cut) s.insert(s.size() - 1, "...");
    return s;
}

static std::string number_text(const Scalar& v) {
    if (v.kind == Scalar::Float) return v.raw ? *v.raw : safe_dump(Json(v.d));
    if (v.kind == Scalar::Int) return std::to_string(v.i);
    if (v.kind == Scalar::Uint) return std::to_string(v.u);
    return "";
}

// [SECTION] Frames and the context ------------------------------------------------------------

int next_frame_slot() {
    static std::atomic<int> next{0};
    return next++;
}

void AnyFrame::bind(Json* target, bool array) {
    target_ = target;
    array_ = array;
    key_.clear();
    cur_ = next_ = 0;
}

void AnyFrame::token(std::string& out) const {
    if (array_) append_index(out, cur_);
    else append_token(out, key_);
}

void AnyFrame::key(Ctx& ctx, const std::string& k) {
    key_ = k;
    // JSON leaves repeated names undefined; every reader here refuses them rather than let the
    // last (or first) one silently win: {"type": "org.add", "type": "org.cancel"} is an error.
    if (target_ && target_->is_object() && target_->contains(k)) ctx.problem("member appears more than once");
}

void AnyFrame::scalar(Ctx&, const Scalar& v) {
    if (array_) {
        cur_ = next_++;
        if (target_) target_->push_back(v.to_json());
    } else if (target_) {
        (*target_)[key_] = v.to_json();
    }
}

Frame* AnyFrame::open(Ctx& ctx, bool array) {
    Json* child = nullptr;
    if (array_) {
        cur_ = next_++;
        if (target_) {
            target_->push_back(array ? Json::array() : Json::object());
            child = &target_->back();
        }
    } else if (target_) {
        child = &(*target_)[key_];
        *child = array ? Json::array() : Json::object();
    }
    return ctx.any(child, array);
}

std::string Ctx::here() const {
    std::string out;
    for (const Frame* f : stack) f->token(out);
    return out;
}

std::string Ctx::container() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < stack.size(); ++i) stack[i]->token(out);
    return out;
}

void Ctx::add(std::string pointer, std::string message) {
    if (problems.size() >= limits.max_problems) {
        ++dropped;
        return;
    }
    problems.push_back(Problem{std::move(pointer), std::move(message)});
}

void Ctx::problem_member(std::string_view member, std::string message) {
    add(pointer_join(container(), member), std::move(message));
}

AnyFrame* Ctx::any(Json* target, bool array) {
    std::size_t depth = stack.size();
    if (depth >= any_pool_.size()) any_pool_.resize(depth + 1);
    if (!any_pool_[depth]) any_pool_[depth] = std::make_unique<AnyFrame>();
    any_pool_[depth]->bind(target, array);
    return any_pool_[depth].get();
}

Problems Ctx::finish_problems() {
    Problems out = std::move(problems);
    if (dropped > 0)
        out.push_back(Problem{"", std::to_string(dropped) + " more problems not listed (limit " +
                                      std::to_string(limits.max_problems) + ")"});
    problems.clear();
    dropped = 0;
    return out;
}

void RootFrame::scalar(Ctx& ctx, const Scalar& v) {
    ctx.problem(std::string("the document must be a JSON object, got ") + v.type_name());
}

Frame* RootFrame::open(Ctx& ctx, bool array) {
    if (array) {
        ctx.problem("the document must be a JSON object, got an array");
        return ctx.skip(true);
    }
    return doc_;
}

// [SECTION] Event sources: nlohmann's SAX parser, or a DOM replayed as the same events -------

namespace {

constexpr std::size_t kMaxNumberChars = 100;

// When the error is at a number: "number too long (5000 characters)" or "number too large"
// instead of "unexpected '9'"; "" otherwise.
std::string number_problem(std::string_view t, std::size_t offset) {
    auto part = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
    if (offset < t.size() && !part(t[offset]) && offset > 0 && t[offset - 1] >= '0' && t[offset - 1] <= '9') --offset;
    if (offset >= t.size() || !part(t[offset])) return "";
    std::size_t b = offset, e = offset;
    while (b > 0 && part(t[b - 1])) --b;
    while (e < t.size() && part(t[e])) ++e;
    if (e - b > kMaxNumberChars) return "number too long (" + std::to_string(e - b) + " characters)";
    const std::string run(t.substr(b, e - b));
    char* end = nullptr;
    const double v = std::strtod(run.c_str(), &end);
    if (end == run.c_str() + run.size() && (v == HUGE_VAL || v == -HUGE_VAL)) return "number too large";
    return "";
}

class Sax {
public:
    Sax(Ctx& ctx, Frame& root, std::string_view text) : ctx_(ctx), text_(text) { ctx_.stack.assign(1, &root); }
    bool stopped = false;

    bool null() { return deliver(Scalar{}); }
    bool boolean(bool b) {
        Scalar s;
        s.kind = Scalar::Bool;
        s.b = b;
        return deliver(s);
    }
    bool number_integer(std::int64_t i) {
        Scalar s;
        s.kind = Scalar::Int;
        s.i = i;
        return deliver(s);
    }
    bool number_unsigned(std::uint64_t u) {
        Scalar s;
        s.kind = Scalar::Uint;
        s.u = u;
        return deliver(s);
    }
    bool number_float(double d, const std::string& raw) {
        Scalar s;
        s.kind = Scalar::Float;
        s.d = d;
        s.raw = raw.empty() ? nullptr : &raw;
        return deliver(s);
    }
    bool string(const std::string& text) {
        Scalar s;
        s.kind = Scalar::String;
        s.s = &text;
        return deliver(s);
    }
    bool binary(Json::binary_t&) { return deliver(Scalar{}); }  // not produced by JSON text
    bool start_object(std::size_t = 0) { return open(false); }
    bool start_array(std::size_t = 0) { return open(true); }
    bool key(const std::string& k) {
        ctx_.stack.back()->key(ctx_, k);
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) {
        // Our own words, never the library's exception text.
        std::size_t offset = position > 0 ? position - 1 : 0;
        if (offset > text_.size()) offset = text_.size();
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        // The offending character itself (the library's last-token text spans several tokens).
        std::string what;
        if (text_.empty()) {
            what = "the document is empty";
        } else if (offset >= text_.size()) {
            what = "unexpected end of input";
        } else if (std::string n = number_problem(text_, offset); !n.empty()) {
            what = n;
        } else {
            unsigned char c = static_cast<unsigned char>(text_[offset]);
            char buf[64];
            if (c == 0) std::snprintf(buf, sizeof buf, "a NUL byte (0x00)");
            else if (c >= 0x20 && c < 0x7f) std::snprintf(buf, sizeof buf, "unexpected '%c'", c);
            else std::snprintf(buf, sizeof buf, "unexpected byte 0x%02X", c);
            what = buf;
        }
        ctx_.add("", "not valid JSON: " + what + " at line " + std::to_string(line) + ", column " +
                         std::to_string(column) + " (byte " + std::to_string(offset) + ")");
        stopped = true;
        return false;
    }

private:
    bool deliver(const Scalar& s) {
        ctx_.stack.back()->scalar(ctx_, s);
        return true;
    }
    bool open(bool array) {
        // The new container's depth is the number of containers open around it, plus one.
        if (static_cast<int>(ctx_.stack.size()) > ctx_.limits.max_depth) {
            ctx_.problem("nested deeper than " + std::to_string(ctx_.limits.max_depth) + " levels");
            stopped = true;
            return false;
        }
        Frame* child = ctx_.stack.back()->open(ctx_, array);
        ctx_.stack.push_back(child);
        return true;
    }
    bool close() {
        ctx_.stack.back()->close(ctx_);
        ctx_.stack.pop_back();
        return true;
    }

    Ctx& ctx_;
    std::string_view text_;
};

bool replay(const Json& j, Sax& sax) {
    switch (j.type()) {
        case Json::value_t::object: {
            if (!sax.start_object()) return false;
            for (const auto& [k, v] : j.get_ref<const Json::object_t&>()) {
                sax.key(k);
                if (!replay(v, sax)) return false;
            }
            return sax.end_object();
        }
        case Json::value_t::array: {
            if (!sax.start_array()) return false;
            for (const auto& v : j.get_ref<const Json::array_t&>())
                if (!replay(v, sax)) return false;
            return sax.end_array();
        }
        case Json::value_t::string: return sax.string(j.get_ref<const std::string&>());
        case Json::value_t::boolean: return sax.boolean(j.get<bool>());
        case Json::value_t::number_integer: return sax.number_integer(j.get<std::int64_t>());
        case Json::value_t::number_unsigned: return sax.number_unsigned(j.get<std::uint64_t>());
        case Json::value_t::number_float: return sax.number_float(j.get<double>(), std::string());
        case Json::value_t::binary:
            if (const Json::binary_t* raw = as_raw_number(j)) {
                const std::string text(raw->begin(), raw->end());
                return sax.number_float(std::strtod(text.c_str(), nullptr), text);
            }
            return sax.null();
        default: return sax.null();
    }
}

}  // namespace

static bool over_size(Ctx& ctx, std::string_view text) {
    if (text.size() <= ctx.limits.max_bytes) return false;
    ctx.add("", "the document is " + std::to_string(text.size()) + " bytes, over the limit of " +
                    std::to_string(ctx.limits.max_bytes) + " bytes");
    return true;
}

// nlohmann's lexer takes a NUL byte for the end of the input, so "{...}\0junk" would read as
// the part before it: a NUL anywhere is refused first, with its position.
static bool has_nul(Ctx& ctx, std::string_view text) {
    std::size_t at = text.find('\0');
    if (at == std::string_view::npos) return false;
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    ctx.add("", "not valid JSON: a NUL byte (0x00) at line " + std::to_string(line) + ", column " +
                    std::to_string(column) + " (byte " + std::to_string(at) + ")" +
                    (at > 0 && text.find_first_not_of(" \t\r\n", 0) < at ? ": nothing may follow or interrupt the document" : ""));
    return true;
}

bool run_text(Ctx& ctx, std::string_view text, Frame& root) {
    if (over_size(ctx, text) || has_nul(ctx, text)) return false;
    Sax sax(ctx, root, text);
    bool ok = Json::sax_parse(text.data(), text.data() + text.size(), &sax);
    ctx.stack.clear();
    return ok && !sax.stopped;
}

std::optional<bool> run_text_fast(Ctx& ctx, std::string_view text, Frame& root) {
    if (over_size(ctx, text)) return false;
    Sax sax(ctx, root, text);
    Lex r = lex_json(text, sax);
    ctx.stack.clear();
    if (r == Lex::NotJson) return std::nullopt;
    return r == Lex::Done && !sax.stopped;
}

bool run_dom(Ctx& ctx, const Json& doc, Frame& root) {
    Sax sax(ctx, root, std::string_view());
    bool ok = replay(doc, sax);
    ctx.stack.clear();
    return ok && !sax.stopped;
}

// [SECTION] Conversions ----------------------------------------------------------------------

static bool refuse(Ctx& ctx, const char* expected, const Scalar& v) {
    ctx.problem(std::string("must be ") + expected + ", got " + v.type_name());
    return false;
}

bool conv_string(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a string", v);
    if (std::string why = free_text_problem(*v.s); !why.empty()) {
        ctx.problem(why);
        return false;
    }
    out = *v.s;
    return true;
}

bool conv_id(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a non-empty string", v);
    if (is_blank(*v.s)) {
        ctx.problem(v.s->empty() ? "must not be empty" : "must not be blank");
        return false;
    }
    if (std::string why = line_text_problem(*v.s); !why.empty()) {
        ctx.problem(why);
        return false;
    }
    out = *v.s;
    return true;
}

bool conv_date(Ctx& ctx, const Scalar& v, Date& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a date string (YYYY-MM-DD)", v);
    if (auto d = Date::parse(*v.s)) {
        out = *d;
        return true;
    }
    ctx.problem(quote(*v.s) + " " + date_problem(*v.s));
    return false;
}

// A JSON integer (not 1e3, not 12.5) >= 0.
static bool whole(Ctx& ctx, const Scalar& v, std::int64_t& out, const char* what) {
    if (v.kind == Scalar::Float) {
        ctx.problem(std::string("must be ") + what + " written as a JSON integer, got " + number_text(v));
        return false;
    }
    if (v.kind == Scalar::Int) {  // text gives Int only below zero; a built DOM may hold any int
        if (v.i >= 0) {
            out = v.i;
            return true;
        }
        ctx.problem("must not be negative, got " + number_text(v));
        return false;
    }
    if (v.kind != Scalar::Uint) return refuse(ctx, what, v);
    if (v.u > static_cast<std::uint64_t>(INT64_MAX)) {
        ctx.problem("is too large, got " + number_text(v));
        return false;
    }
    out = static_cast<std::int64_t>(v.u);
    return true;
}

bool conv_money(Ctx& ctx, const Scalar& v, std::int64_t& out) {
    if (!whole(ctx, v, out, "a whole number of minor units (cents)")) return false;
    if (out > kMaxAmount) {
        ctx.problem("the amount " + number_text(v) + " is " + amount_limit_text());
        return false;
    }
    return true;
}

bool conv_positive_money(Ctx& ctx, const Scalar& v, std::int64_t& out) {
    if (!conv_money(ctx, v, out)) return false;
    if (out == 0) {
        ctx.problem("must be greater than zero");
        return false;
    }
    return true;
}

bool conv_bool(Ctx& ctx, const Scalar& v, bool& out) {
    if (v.kind != Scalar::Bool) return refuse(ctx, "true or false", v);
    out = v.b;
    return true;
}

bool conv_count(Ctx& ctx, const Scalar& v, std::int64_t& out) { return whole(ctx, v, out, "a whole number"); }

bool conv_int(Ctx& ctx, const Scalar& v, int& out) {
    std::int64_t x = 0;
    if (!whole(ctx, v, x, "a whole number")) return false;
    if (x > INT_MAX) {
        ctx.problem("is too large, got " + number_text(v));
        return false;
    }
    out = static_cast<int>(x);
    return true;
}

bool conv_days(Ctx& ctx, const Scalar& v, int& out) {
    if (!conv_int(ctx, v, out)) return false;
    if (out > kMaxTermDays) {
        ctx.problem("must be at most " + std::to_string(kMaxTermDays) + " days, got " + number_text(v));
        return false;
    }
    return true;
}

bool conv_usage(Ctx& ctx, const Scalar& v, std::int64_t& out) {
    if (!conv_count(ctx, v, out)) return false;
    if (out > kMaxUsage) {
        ctx.problem("must be at most " + std::to_string(kMaxUsage) + ", got " + number_text(v));
        return false;
    }
    return true;
}

bool conv_positive_int(Ctx& ctx, const Scalar& v, std::int64_t& out) {
    if (!whole(ctx, v, out, "a whole number")) return false;
    if (out == 0) {
        ctx.problem("must be greater than zero");
        return false;
    }
    return true;
}

bool conv_probability(Ctx& ctx, const Scalar& v, double& out) {
    double x = 0;
    if (v.kind == Scalar::Float) x = v.d;
    else if (v.kind == Scalar::Int) x = static_cast<double>(v.i);
    else if (v.kind == Scalar::Uint) x = static_cast<double>(v.u);
    else return refuse(ctx, "a number between 0 and 1", v);
    if (!(x >= 0.0 && x <= 1.0)) {
        ctx.problem("must be between 0 and 1, got " + number_text(v));
        return false;
    }
    out = x;
    return true;
}

bool conv_currency(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a currency code", v);
    if (!is_currency_code(*v.s)) {
        ctx.problem(quote(*v.s) + " is not a currency code (three upper-case letters, e.g. \"USD\")");
        return false;
    }
    out = *v.s;
    return true;
}

bool conv_country(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a country code", v);
    if (!is_country_code(*v.s)) {
        ctx.problem(quote(*v.s) + " is not a country code (two upper-case letters, ISO 3166-1 alpha-2, e.g. \"DE\")");
        return false;
    }
    out = *v.s;
    return true;
}

bool conv_email(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "an email address", v);
    if (std::string why = email_problem(*v.s); !why.empty()) {
        ctx.problem(quote(*v.s) + " " + why);
        return false;
    }
    out = *v.s;
    return true;
}

std::string schema_mismatch(const std::string& got, const char* expected) {
    std::string want = expected;
    if (got == want) return "";
    auto family = [](const std::string& s) { return s.substr(0, s.find('/')); };
    if (got.find('/') != std::string::npos && family(got) == family(want))
        return "unsupported version " + quote(got) + " (this tool reads " + want + ")";
    for (const char* known : {kCatalogSchema, kBookSchema, kApplicationSchema, kRatesSchema, kPublicSchema})
        if (family(got) == family(known))
            return "this is a " + family(got) + " document (" + quote(got) + "), expected " + want;
    return "unknown schema " + quote(got) + " (expected " + want + ")";
}

}  // namespace portal::jsonr
