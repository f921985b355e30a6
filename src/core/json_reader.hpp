// Internal to the json_*.cpp files: the one streaming reader behind every format.
//
// Why streaming: a 100,000-organisation book must be read in a small multiple of the time of a
// browser's JSON.parse, which rules out building a whole-document DOM first. A fast lexer
// (json_lexer.hpp; nlohmann's SAX parser again for text it refuses, for the error messages)
// feeds events into a stack of frames; each frame fills one typed record directly and
// reports problems with the JSON Pointer of the value being delivered.
//
// Why one engine: the rules for a field (its type, range, whether it is required, where unknown
// members go) are written once, as a Spec<Record> table. Text goes through the lexer; a Json
// DOM (book_from_json) is replayed as the same events (run_dom), so both paths obey the same
// table. Cross-record checks (references, duplicates) run afterwards on the typed
// records (json_book.cpp and friends).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/json_io.hpp"

namespace portal::jsonr {

// The most conference attendees or training seats an application may declare: with amounts up
// to kMaxAmount, usage x saving stays far inside int64.
inline constexpr std::int64_t kMaxUsage = 1'000'000;

// [SECTION] Values and pointers ---------------------------------------------------------------

struct Scalar {
    enum Kind { Null, Bool, Int, Uint, Float, String } kind = Null;
    bool b = false;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    const std::string* s = nullptr;    // String
    const std::string* raw = nullptr;  // Float: the number as written ("1e3"), when known

    Json to_json() const;
    const char* type_name() const;  // "a string", "a number", ... for messages
};

// Unknown members keep their numbers byte for byte: a number a double would change
// (18446744073709551617, 1e3) is held as a binary value of a private subtype with its text, and
// safe_dump (hence every writer of the product) writes that text back.
Json raw_number(std::string_view text);
const Json::binary_t* as_raw_number(const Json& j);  // the text, or null for any other value

// RFC 6901: "~" -> "~0", "/" -> "~1"; appends "/" + the escaped token.
void append_token(std::string& out, std::string_view token);
void append_index(std::string& out, std::size_t index);
std::string pointer_join(std::string_view base, std::string_view token);
// A value quoted for a message: JSON string syntax, cut to a readable length.
std::string quote(std::string_view text);

// [SECTION] Frames and the reading context ----------------------------------------------------

class Ctx;

// One open container. `token` appends the pointer token of the child being delivered.
class Frame {
public:
    virtual ~Frame() = default;
    virtual void token(std::string& out) const = 0;
    virtual void key(Ctx&, const std::string&) {}
    virtual void scalar(Ctx&, const Scalar&) = 0;
    virtual Frame* open(Ctx&, bool array) = 0;  // never null: a refused container gets skip()
    virtual void close(Ctx&) {}
};

// Builds a Json value one container level at a time (unknown members, free-form members);
// with a null target it only tracks the path (skipping a refused value).
class AnyFrame final : public Frame {
public:
    void bind(Json* target, bool array);
    void token(std::string& out) const override;
    void key(Ctx& ctx, const std::string& k) override;
    void scalar(Ctx&, const Scalar& v) override;
    Frame* open(Ctx& ctx, bool array) override;

private:
    Json* target_ = nullptr;
    bool array_ = false;
    std::string key_;
    std::size_t cur_ = 0, next_ = 0;
};

int next_frame_slot();  // each Spec / array field owns slots in the per-read frame cache

class Ctx {
public:
    explicit Ctx(const ReadLimits& limits) : limits(limits) {}
    ReadLimits limits;
    Problems problems;
    std::size_t dropped = 0;      // problems over limits.max_problems, counted only
    std::vector<Frame*> stack;    // open containers; stack[0] is the document root slot

    // The pointer of the value being delivered / of the innermost open container.
    std::string here() const;
    std::string container() const;

    void add(std::string pointer, std::string message);
    void problem(std::string message) { add(here(), std::move(message)); }
    // At close time, about a member of the container being closed.
    void problem_member(std::string_view member, std::string message);

    AnyFrame* any(Json* target, bool array);
    Frame* skip(bool array) { return any(nullptr, array); }

    // One cached frame per slot (specs are not recursive, so a slot is open at most once).
    template <class T, class... A>
    T& frame(int slot, A&&... args) {
        if (static_cast<std::size_t>(slot) >= frames_.size()) frames_.resize(slot + 1);
        if (!frames_[slot]) frames_[slot] = std::make_unique<T>(std::forward<A>(args)...);
        return static_cast<T&>(*frames_[slot]);
    }

    Problems finish_problems();  // problems plus the "N more" note

private:
    std::vector<std::unique_ptr<Frame>> frames_;
    std::vector<std::unique_ptr<AnyFrame>> any_pool_;
};

// The document slot: the first value must be an object, handed to `doc`.
class RootFrame final : public Frame {
public:
    explicit RootFrame(Frame* doc) : doc_(doc) {}
    void token(std::string&) const override {}
    void scalar(Ctx& ctx, const Scalar&) override;
    Frame* open(Ctx& ctx, bool array) override;

private:
    Frame* doc_;
};

// Runs text (size limit, syntax, depth) or an existing DOM through `root`. False when reading
// stopped early (syntax error, too deep, too big): problems say why.
bool run_text(Ctx& ctx, std::string_view text, Frame& root);
bool run_dom(Ctx& ctx, const Json& doc, Frame& root);
// run_text with the fast lexer (json_lexer.hpp); nullopt when the text is not valid JSON: the
// caller then starts again from scratch (fresh Ctx, fresh record) with run_text, whose messages
// say where and why. Valid text gives the same events, hence the same result, by either.
std::optional<bool> run_text_fast(Ctx& ctx, std::string_view text, Frame& root);
// Reads text with `attempt(fast)`: first fast, then again with nlohmann when the fast lexer
// refuses the text. `attempt` builds its own Ctx and record and returns nullopt to ask for that.
template <class Attempt>
auto read_text_twice(Attempt attempt) {
    if (auto r = attempt(true)) return std::move(*r);
    return std::move(*attempt(false));
}

// [SECTION] Conversions: one per kind of value, each reporting its own problem ---------------
// All return false (after ctx.problem) when the value is refused.

bool conv_string(Ctx&, const Scalar&, std::string&);     // any string
bool conv_id(Ctx&, const Scalar&, std::string&);         // non-empty string
bool conv_date(Ctx&, const Scalar&, Date&);
bool conv_money(Ctx&, const Scalar&, std::int64_t&);     // JSON integer >= 0
bool conv_positive_money(Ctx&, const Scalar&, std::int64_t&);
bool conv_bool(Ctx&, const Scalar&, bool&);
bool conv_count(Ctx&, const Scalar&, std::int64_t&);     // JSON integer >= 0
bool conv_int(Ctx&, const Scalar&, int&);                // JSON integer >= 0, fits int
bool conv_days(Ctx&, const Scalar&, int&);               // 0 .. kMaxTermDays (date.hpp)
bool conv_usage(Ctx&, const Scalar&, std::int64_t&);     // 0 .. kMaxUsage
bool conv_positive_int(Ctx&, const Scalar&, std::int64_t&);
bool conv_probability(Ctx&, const Scalar&, double&);     // number in [0, 1]
bool conv_currency(Ctx&, const Scalar&, std::string&);   // "USD"
bool conv_country(Ctx&, const Scalar&, std::string&);    // "DE"
bool conv_email(Ctx&, const Scalar&, std::string&);      // "" or something@something

// [SECTION] Field tables ----------------------------------------------------------------------

template <class R>
struct Field {
    Field(std::string n, bool req) : name(std::move(n)), required(req) {}
    virtual ~Field() = default;
    std::string name;
    bool required;
    virtual bool scalar(Ctx& ctx, R&, const Scalar& v) const {
        ctx.problem("must be " + expects() + ", got " + v.type_name());
        return false;
    }
    virtual Frame* open(Ctx& ctx, R&, bool array) const {
        ctx.problem("must be " + expects() + ", got " + (array ? "an array" : "an object"));
        return ctx.skip(array);
    }
    virtual std::string expects() const = 0;
};

template <class R>
class ObjectFrame;

template <class R>
struct Spec {
    using Finish = void (*)(Ctx&, R&, const ObjectFrame<R>&);
    std::vector<std::unique_ptr<Field<R>>> fields;
    Json R::*extra = nullptr;   // where unknown members go; nullptr: they are refused
    Finish finish = nullptr;    // record-level checks when the object closes
    int slot_object = next_frame_slot();
    int slot_array = next_frame_slot();

    template <class F, class... A>
    Spec& add(A&&... args) {
        fields.push_back(std::make_unique<F>(std::forward<A>(args)...));
        return *this;
    }
    int find(const std::string& key) const {
        for (std::size_t i = 0; i < fields.size(); ++i)
            if (fields[i]->name == key) return static_cast<int>(i);
        return -1;
    }
    std::string names() const {
        std::string s;
        for (const auto& f : fields) s += (s.empty() ? "" : ", ") + f->name;
        return s;
    }
};

template <class R>
class ObjectFrame final : public Frame {
public:
    explicit ObjectFrame(const Spec<R>& spec) : spec_(spec), next_guess_(spec.fields.size() + 1, -1) {}
    void bind(R* r) {
        r_ = r;
        seen_ = ok_ = 0;
        field_ = prev_ = -1;
        key_.clear();
    }
    // Whether member `name` was present / present and accepted (for Spec::finish).
    bool seen(const char* name) const { return bit(name) & seen_; }
    bool ok(const char* name) const { return bit(name) & ok_; }

    void token(std::string& out) const override { append_token(out, field_ >= 0 ? spec_.fields[field_]->name : key_); }
    void key(Ctx& ctx, const std::string& k) override {
        // Records of one kind list their members in the same order, so first try the member
        // that followed the previous one last time: one comparison per key instead of a scan.
        int guess = next_guess_[prev_ + 1];
        field_ = guess >= 0 && spec_.fields[guess]->name == k ? guess : spec_.find(k);
        next_guess_[prev_ + 1] = field_;
        prev_ = field_;
        if (field_ < 0) {
            key_ = k;  // known members are named by the spec; only unknown ones need a copy
            if (spec_.extra && (r_->*spec_.extra).is_object() && (r_->*spec_.extra).contains(k))
                ctx.problem("member appears more than once");
            return;
        }
        std::uint64_t b = std::uint64_t(1) << field_;
        if (seen_ & b) ctx.problem("member appears more than once");
        seen_ |= b;
    }
    void scalar(Ctx& ctx, const Scalar& v) override {
        if (field_ >= 0) {
            if (spec_.fields[field_]->scalar(ctx, *r_, v)) ok_ |= std::uint64_t(1) << field_;
        } else if (spec_.extra) {
            (r_->*spec_.extra)[key_] = v.to_json();
        } else {
            unknown(ctx);
        }
    }
    Frame* open(Ctx& ctx, bool array) override {
        if (field_ >= 0) {
            ok_ |= std::uint64_t(1) << field_;  // a container's own problems are reported inside
            return spec_.fields[field_]->open(ctx, *r_, array);
        }
        if (spec_.extra) {
            Json& slot = (r_->*spec_.extra)[key_];
            slot = array ? Json::array() : Json::object();
            return ctx.any(&slot, array);
        }
        unknown(ctx);
        return ctx.skip(array);
    }
    void close(Ctx& ctx) override {
        for (std::size_t i = 0; i < spec_.fields.size(); ++i)
            if (spec_.fields[i]->required && !(seen_ & (std::uint64_t(1) << i)))
                ctx.problem_member(spec_.fields[i]->name, "required member is missing");
        if (spec_.finish) spec_.finish(ctx, *r_, *this);
    }

private:
    std::uint64_t bit(const char* name) const {
        int i = spec_.find(name);
        return i < 0 ? 0 : std::uint64_t(1) << i;
    }
    void unknown(Ctx& ctx) { ctx.problem("unknown member (expected one of: " + spec_.names() + ")"); }

    const Spec<R>& spec_;
    R* r_ = nullptr;
    std::string key_;
    int field_ = -1, prev_ = -1;
    std::vector<int> next_guess_;  // by previous field index + 1 (0: first member)
    std::uint64_t seen_ = 0, ok_ = 0;
};

// An array of records of type E.
template <class E>
class ArrayFrame final : public Frame {
public:
    explicit ArrayFrame(const Spec<E>& spec) : spec_(spec) {}
    void bind(std::vector<E>* v) {
        v_ = v;
        cur_ = next_ = 0;
    }
    void token(std::string& out) const override { append_index(out, cur_); }
    void scalar(Ctx& ctx, const Scalar& v) override {
        cur_ = next_++;
        ctx.problem(std::string("must be an object, got ") + v.type_name());
    }
    Frame* open(Ctx& ctx, bool array) override {
        cur_ = next_++;
        if (array) {
            ctx.problem("must be an object, got an array");
            return ctx.skip(true);
        }
        v_->emplace_back();
        auto& f = ctx.frame<ObjectFrame<E>>(spec_.slot_object, spec_);
        f.bind(&v_->back());
        return &f;
    }

private:
    const Spec<E>& spec_;
    std::vector<E>* v_ = nullptr;
    std::size_t cur_ = 0, next_ = 0;
};

// An array of scalars converted by `conv`.
template <class T>
class ScalarArrayFrame final : public Frame {
public:
    using Conv = bool (*)(Ctx&, const Scalar&, T&);
    explicit ScalarArrayFrame(Conv conv) : conv_(conv) {}
    void bind(std::vector<T>* v) {
        v_ = v;
        cur_ = next_ = 0;
    }
    void token(std::string& out) const override { append_index(out, cur_); }
    void scalar(Ctx& ctx, const Scalar& v) override {
        cur_ = next_++;
        T value{};
        conv_(ctx, v, value);
        v_->push_back(std::move(value));  // even refused (as T{}), so indexes match the document
    }
    Frame* open(Ctx& ctx, bool array) override {
        cur_ = next_++;
        ctx.problem(std::string("must be a single value, got ") + (array ? "an array" : "an object"));
        return ctx.skip(array);
    }

private:
    Conv conv_;
    std::vector<T>* v_ = nullptr;
    std::size_t cur_ = 0, next_ = 0;
};

// [SECTION] Field kinds -------------------------------------------------------------------------

// A scalar member stored in `M` (T or std::optional<T>); `nullable`: JSON null leaves it unset.
template <class R, class M, class T>
struct ScalarField final : Field<R> {
    using Conv = bool (*)(Ctx&, const Scalar&, T&);
    ScalarField(std::string n, bool req, M R::*m, Conv conv, const char* what, bool nullable = false)
        : Field<R>(std::move(n), req), m(m), conv(conv), what(what), nullable(nullable) {}
    M R::*m;
    Conv conv;
    const char* what;
    bool nullable;
    bool scalar(Ctx& ctx, R& r, const Scalar& v) const override {
        if (v.kind == Scalar::Null && nullable) {
            r.*m = M{};
            return true;
        }
        T value{};
        if (!conv(ctx, v, value)) return false;
        r.*m = std::move(value);
        return true;
    }
    std::string expects() const override { return nullable ? std::string(what) + " or null" : what; }
};

template <class R, class M, class T>
void add_scalar(Spec<R>& s, std::string n, bool req, M R::*m, bool (*conv)(Ctx&, const Scalar&, T&),
                const char* what, bool nullable = false) {
    s.fields.push_back(std::make_unique<ScalarField<R, M, T>>(std::move(n), req, m, conv, what, nullable));
}

template <class R, class E>
struct ArrayField final : Field<R> {
    ArrayField(std::string n, bool req, std::vector<E> R::*m, const Spec<E>& (*spec)())
        : Field<R>(std::move(n), req), m(m), spec(spec) {}
    std::vector<E> R::*m;
    const Spec<E>& (*spec)();
    Frame* open(Ctx& ctx, R& r, bool array) const override {
        if (!array) return Field<R>::open(ctx, r, array);
        const Spec<E>& s = spec();
        auto& f = ctx.frame<ArrayFrame<E>>(s.slot_array, s);
        (r.*m).clear();
        f.bind(&(r.*m));
        return &f;
    }
    std::string expects() const override { return "an array of objects"; }
};

// A nested object stored in `M` (S or std::optional<S>; null allowed for the optional).
template <class R, class M, class S>
struct ObjectField final : Field<R> {
    ObjectField(std::string n, bool req, M R::*m, const Spec<S>& (*spec)())
        : Field<R>(std::move(n), req), m(m), spec(spec) {}
    M R::*m;
    const Spec<S>& (*spec)();
    bool scalar(Ctx& ctx, R& r, const Scalar& v) const override {
        if constexpr (!std::is_same_v<M, S>) {
            if (v.kind == Scalar::Null) {
                r.*m = M{};
                return true;
            }
        }
        return Field<R>::scalar(ctx, r, v);
    }
    Frame* open(Ctx& ctx, R& r, bool array) const override {
        if (array) return Field<R>::open(ctx, r, array);
        const Spec<S>& s = spec();
        auto& f = ctx.frame<ObjectFrame<S>>(s.slot_object, s);
        r.*m = S{};
        if constexpr (std::is_same_v<M, S>) f.bind(&(r.*m));
        else f.bind(&*(r.*m));
        return &f;
    }
    std::string expects() const override { return std::is_same_v<M, S> ? "an object" : "an object or null"; }
};

template <class R, class T>
struct ScalarArrayField final : Field<R> {
    using Conv = bool (*)(Ctx&, const Scalar&, T&);
    ScalarArrayField(std::string n, bool req, std::vector<T> R::*m, Conv conv, const char* what)
        : Field<R>(std::move(n), req), m(m), conv(conv), what(what) {}
    std::vector<T> R::*m;
    Conv conv;
    const char* what;
    int slot = next_frame_slot();
    Frame* open(Ctx& ctx, R& r, bool array) const override {
        if (!array) return Field<R>::open(ctx, r, array);
        auto& f = ctx.frame<ScalarArrayFrame<T>>(slot, conv);
        (r.*m).clear();
        f.bind(&(r.*m));
        return &f;
    }
    std::string expects() const override { return std::string("an array of ") + what; }
};

// Any JSON value kept as is (an audit entry's action, a prospect's application).
template <class R>
struct JsonField final : Field<R> {
    JsonField(std::string n, bool req, Json R::*m) : Field<R>(std::move(n), req), m(m) {}
    Json R::*m;
    bool scalar(Ctx&, R& r, const Scalar& v) const override {
        r.*m = v.to_json();
        return true;
    }
    Frame* open(Ctx& ctx, R& r, bool array) const override {
        r.*m = array ? Json::array() : Json::object();
        return ctx.any(&(r.*m), array);
    }
    std::string expects() const override { return "any JSON value"; }
};

// The document's "schema" member: exactly `expected`, with a message that says what is wrong.
template <class R>
struct SchemaField final : Field<R> {
    SchemaField(const char* expected) : Field<R>("schema", true), expected(expected) {}
    const char* expected;
    bool scalar(Ctx& ctx, R&, const Scalar& v) const override;
    std::string expects() const override { return std::string("the string \"") + expected + "\""; }
};
std::string schema_mismatch(const std::string& got, const char* expected);  // "" when equal

template <class R>
bool SchemaField<R>::scalar(Ctx& ctx, R& r, const Scalar& v) const {
    if (v.kind != Scalar::String) return Field<R>::scalar(ctx, r, v);
    std::string m = schema_mismatch(*v.s, expected);
    if (m.empty()) return true;
    ctx.problem(m);
    return false;
}

// [SECTION] Running a spec over a document -----------------------------------------------------

template <class R>
class DocFrame {
public:
    explicit DocFrame(const Spec<R>& spec, R* target) : object_(spec), root_(&object_) { object_.bind(target); }
    Frame& root() { return root_; }

private:
    ObjectFrame<R> object_;
    RootFrame root_;
};

// Reads one document of type R from text or DOM; `post` runs cross-record checks when the
// document was read to its end. The value is returned only when there is no problem at all.
template <class R, class Post>
Read<R> read_doc(std::string_view text, const Json* dom, const Spec<R>& spec, const ReadLimits& limits,
                 Post post) {
    return read_text_twice([&](bool fast) -> std::optional<Read<R>> {
        Ctx ctx(limits);
        R value{};
        DocFrame<R> doc(spec, &value);
        bool complete = false;
        if (dom) {
            complete = run_dom(ctx, *dom, doc.root());
        } else if (fast) {
            std::optional<bool> run = run_text_fast(ctx, text, doc.root());
            if (!run) return std::nullopt;
            complete = *run;
        } else {
            complete = run_text(ctx, text, doc.root());
        }
        if (complete) post(ctx, value);
        Read<R> out;
        out.problems = ctx.finish_problems();
        if (out.problems.empty()) out.value = std::move(value);
        return out;
    });
}

// [SECTION] Writing helpers ----------------------------------------------------------------------

// The record's unknown members, to which the known ones are then added (known ones win).
inline Json start_with(const Json& extra) { return extra.is_object() ? extra : Json::object(); }
// dump() that never throws on invalid UTF-8 (replaced by U+FFFD).
std::string safe_dump(const Json& j, int indent = -1);

}  // namespace portal::jsonr
