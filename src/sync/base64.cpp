#include "sync/base64.hpp"

#include <array>

namespace portal::sync {

namespace {
const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out((bytes.size() + 2) / 3 * 4, '=');
    char* dst = out.data();
    const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        unsigned v = unsigned(src[i]) << 16 | unsigned(src[i + 1]) << 8 | unsigned(src[i + 2]);
        *dst++ = kAlphabet[v >> 18];
        *dst++ = kAlphabet[(v >> 12) & 63];
        *dst++ = kAlphabet[(v >> 6) & 63];
        *dst++ = kAlphabet[v & 63];
    }
    if (i < bytes.size()) {  // one or two bytes left; the '=' padding is already in place
        unsigned v = unsigned(src[i]) << 16 | (i + 1 < bytes.size() ? unsigned(src[i + 1]) << 8 : 0u);
        *dst++ = kAlphabet[v >> 18];
        *dst++ = kAlphabet[(v >> 12) & 63];
        if (i + 1 < bytes.size()) *dst++ = kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    // A table instead of branches, and writes into a sized buffer: envelopes carry ~150 MB.
    static const auto table = [] {
        std::array<signed char, 256> t{};
        t.fill(-1);
        for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = static_cast<signed char>(value_of(static_cast<char>(c)));
        return t;
    }();
    std::size_t pad = 0;
    if (!text.empty() && text.back() == '=') pad = text[text.size() - 2] == '=' ? 2 : 1;
    std::string out(text.size() / 4 * 3, '\0');
    char* dst = out.data();
    const auto* src = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t full = text.empty() ? 0 : text.size() - (pad ? 4 : 0);  // quads without padding
    for (std::size_t i = 0; i < full; i += 4) {
        int a = table[src[i]], b = table[src[i + 1]], c = table[src[i + 2]], d = table[src[i + 3]];
        if ((a | b | c | d) < 0) return std::nullopt;  // '=' inside, or not base64
        unsigned n = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6 | unsigned(d);
        *dst++ = char(n >> 16);
        *dst++ = char((n >> 8) & 0xFF);
        *dst++ = char(n & 0xFF);
    }
    if (pad) {
        const unsigned char* q = src + full;
        int a = table[q[0]], b = table[q[1]], c = pad == 1 ? table[q[2]] : 0;
        if ((a | b | c) < 0) return std::nullopt;
        unsigned n = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6;
        *dst++ = char(n >> 16);
        if (pad == 1) *dst++ = char((n >> 8) & 0xFF);
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return out;
}

}  // namespace portal::sync
