#include "store/book_codec.hpp"

#include <cstdint>
#include <cstring>

namespace portal::store {

namespace {

constexpr char kMagic[4] = {'P', 'B', 'B', '1'};

// [SECTION] Writing ----------------------------------------------------------------------------

struct Writer {
    std::string out;

    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>(static_cast<unsigned char>(v | 0x80));
            v >>= 7;
        }
        out += static_cast<char>(static_cast<unsigned char>(v));
    }
    void zigzag(std::int64_t v) { varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63)); }
    void bytes(std::string_view s) {
        varint(s.size());
        out.append(s.data(), s.size());
    }

    void put(const std::string& s) { bytes(s); }
    void put(bool b) { out += b ? '\1' : '\0'; }
    void put(std::int64_t v) { zigzag(v); }
    void put(int v) { zigzag(v); }
    void put(double d) {
        char buf[sizeof d];
        std::memcpy(buf, &d, sizeof d);  // both targets (x86-64, wasm32) are little-endian
        out.append(buf, sizeof buf);
    }
    void put(Date d) { zigzag(d.days); }
    void put(InvoiceState s) { varint(static_cast<std::uint64_t>(s)); }
    void put(Stage s) { varint(static_cast<std::uint64_t>(s)); }
    void put(const Json& j) {
        if (j.is_null()) return varint(0);
        std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
        varint(text.size() + 1);
        out += text;
    }
    template <class T>
    void put(const std::optional<T>& o) {
        put(o.has_value());
        if (o) put(*o);
    }
    template <class T>
    void put(const std::vector<T>& v) {
        varint(v.size());
        for (const T& x : v) put(x);
    }
    template <class R, std::enable_if_t<is_record<R>::value, int> = 0>
    void put(const R& r) {
        std::apply([this](const auto&... f) { (put(f), ...); }, fields(r));
    }
};

// [SECTION] Reading: every length is checked against what is left -------------------------------

struct Reader {
    const char* p;
    const char* end;
    std::string error;

    bool fail(const char* what) {
        if (error.empty()) error = what;
        p = end;
        return false;
    }
    bool varint(std::uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end) return fail("truncated number");
            auto byte = static_cast<unsigned char>(*p++);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return true;
        }
        return fail("number too long");
    }
    bool zigzag(std::int64_t& v) {
        std::uint64_t u;
        if (!varint(u)) return false;
        v = static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
        return true;
    }
    bool length(std::uint64_t& n) {
        if (!varint(n)) return false;
        if (n > static_cast<std::uint64_t>(end - p)) return fail("a length runs past the end");
        return true;
    }

    bool get(std::string& s) {
        std::uint64_t n;
        if (!length(n)) return false;
        s.assign(p, static_cast<std::size_t>(n));
        p += n;
        return true;
    }
    bool get(bool& b) {
        if (p == end) return fail("truncated flag");
        char c = *p++;
        if (c != 0 && c != 1) return fail("bad flag");
        b = c == 1;
        return true;
    }
    bool get(std::int64_t& v) { return zigzag(v); }
    bool get(int& v) {
        std::int64_t w;
        if (!zigzag(w)) return false;
        if (w < INT32_MIN || w > INT32_MAX) return fail("integer out of range");
        v = static_cast<int>(w);
        return true;
    }
    bool get(double& d) {
        if (end - p < static_cast<std::ptrdiff_t>(sizeof d)) return fail("truncated number");
        std::memcpy(&d, p, sizeof d);
        p += sizeof d;
        return true;
    }
    bool get(Date& d) {
        int days;
        if (!get(days)) return false;
        d.days = days;
        return true;
    }
    template <class E>
    bool enumeration(E& e, std::uint64_t max) {
        std::uint64_t v;
        if (!varint(v)) return false;
        if (v > max) return fail("unknown enumeration value");
        e = static_cast<E>(v);
        return true;
    }
    bool get(InvoiceState& s) { return enumeration(s, static_cast<std::uint64_t>(InvoiceState::Void)); }
    bool get(Stage& s) { return enumeration(s, static_cast<std::uint64_t>(Stage::Declined)); }
    bool get(Json& j) {
        std::uint64_t n;
        if (!varint(n)) return false;
        if (n == 0) {
            j = nullptr;
            return true;
        }
        if (n - 1 > static_cast<std::uint64_t>(end - p)) return fail("a length runs past the end");
        j = Json::parse(p, p + (n - 1), nullptr, false);
        p += n - 1;
        if (j.is_discarded()) return fail("an embedded JSON value does not parse");
        return true;
    }
    template <class T>
    bool get(std::optional<T>& o) {
        bool present;
        if (!get(present)) return false;
        if (!present) {
            o.reset();
            return true;
        }
        o.emplace();
        return get(*o);
    }
    template <class T>
    bool get(std::vector<T>& v) {
        std::uint64_t n;
        if (!length(n)) return false;  // every item takes at least one byte
        v.clear();
        v.resize(static_cast<std::size_t>(n));
        for (T& x : v)
            if (!get(x)) return false;
        return true;
    }
    template <class R, std::enable_if_t<is_record<R>::value, int> = 0>
    bool get(R& r) {
        return std::apply([this](auto&... f) { return (get(f) && ...); }, fields(r));
    }
};

}  // namespace

std::string encode_book(const Book& book) {
    Writer w;
    w.out.append(kMagic, sizeof kMagic);
    w.put(book);
    return std::move(w.out);
}

bool decode_book(std::string_view bytes, Book& out, std::string& error) {
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        error = std::string("not a ") + kBookBinaryEncoding + " book";
        return false;
    }
    Reader r{bytes.data() + sizeof kMagic, bytes.data() + bytes.size(), {}};
    Book book;
    if (!r.get(book)) {
        error = std::string(kBookBinaryEncoding) + ": " + r.error;
        return false;
    }
    if (r.p != r.end) {
        error = std::string(kBookBinaryEncoding) + ": " + std::to_string(r.end - r.p) + " bytes left after the book";
        return false;
    }
    out = std::move(book);
    return true;
}

}  // namespace portal::store
