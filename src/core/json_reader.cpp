// The streaming reader shared by every format (see json_reader.hpp for the why).
#include "core/json_reader.hpp"

#include <atomic>
#include <climits>
#include <cstdio>

#include "core/json_lexer.hpp"
#include "core/money.hpp"

namespace portal::jsonr {

// [SECTION] Values and pointers ---------------------------------------------------------------

Json Scalar::to_json() const {
    switch (kind) {
        case Bool: return b;
        case Int: return i;
        case Uint: return u;
        case Float: return d;
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

std::string safe_dump(const Json& j, int indent) {
    try {
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
        } else {
            unsigned char c = static_cast<unsigned char>(text_[offset]);
            char buf[32];
            if (c >= 0x20 && c < 0x7f) std::snprintf(buf, sizeof buf, "unexpected '%c'", c);
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

bool run_text(Ctx& ctx, std::string_view text, Frame& root) {
    if (over_size(ctx, text)) return false;
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
    out = *v.s;
    return true;
}

bool conv_id(Ctx& ctx, const Scalar& v, std::string& out) {
    if (v.kind != Scalar::String) return refuse(ctx, "a non-empty string", v);
    if (v.s->empty()) {
        ctx.problem("must not be empty");
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
    const std::string& t = *v.s;
    bool shape = t.size() == 10 && t[4] == '-' && t[7] == '-';
    for (std::size_t i = 0; shape && i < t.size(); ++i)
        if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9')) shape = false;
    ctx.problem(quote(t) + (shape ? " is not a real calendar date" : " is not a date in YYYY-MM-DD form"));
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
    return whole(ctx, v, out, "a whole number of minor units (cents)");
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
    const std::string& s = *v.s;
    auto at = s.find('@');
    bool ok = s.empty() || (at != std::string::npos && at > 0 && at + 1 < s.size() &&
                            s.find('@', at + 1) == std::string::npos && s.find_first_of(" \t\r\n<>") == std::string::npos);
    if (!ok) {
        ctx.problem(quote(s) + " is not an email address");
        return false;
    }
    out = s;
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
