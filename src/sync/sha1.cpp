#include "sync/sha1.hpp"

#include <cstdint>

#include "sync/base64.hpp"

namespace portal::sync {

namespace {
std::uint32_t rol(std::uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }
}  // namespace

namespace {

void sha1_block(std::uint32_t h[5], const unsigned char* p) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i)
        w[i] = std::uint32_t(p[4 * i]) << 24 | std::uint32_t(p[4 * i + 1]) << 16 | std::uint32_t(p[4 * i + 2]) << 8 |
               std::uint32_t(p[4 * i + 3]);
    for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    auto round = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wi) {
        std::uint32_t t = rol(a, 5) + f + e + k + wi;
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    };
    for (int i = 0; i < 20; ++i) round((b & c) | (~b & d), 0x5A827999, w[i]);
    for (int i = 20; i < 40; ++i) round(b ^ c ^ d, 0x6ED9EBA1, w[i]);
    for (int i = 40; i < 60; ++i) round((b & c) | (b & d) | (c & d), 0x8F1BBCDC, w[i]);
    for (int i = 60; i < 80; ++i) round(b ^ c ^ d, 0xCA62C1D6, w[i]);
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

}  // namespace

std::string sha1_bytes(std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    // Whole blocks straight from the input (an envelope is ~150 MB: no copy), then the padded tail.
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t whole = data.size() / 64 * 64;
    for (std::size_t off = 0; off < whole; off += 64) sha1_block(h, p + off);
    std::string tail(data.substr(whole));
    std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    tail += static_cast<char>(0x80);
    while (tail.size() % 64 != 56) tail += '\0';
    for (int i = 7; i >= 0; --i) tail += static_cast<char>((bits >> (i * 8)) & 0xFF);
    for (std::size_t off = 0; off < tail.size(); off += 64) sha1_block(h, reinterpret_cast<const unsigned char*>(tail.data()) + off);
    std::string out;
    for (std::uint32_t v : h)
        for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (i * 8)) & 0xFF);
    return out;
}

std::string digest_etag(std::string_view body) { return "\"" + base64_encode(sha1_bytes(body)) + "\""; }

bool digest_shaped(std::string_view etag) {
    // 20 bytes of SHA-1 in padded base64: 27 characters and one '='.
    if (etag.size() != 30 || etag.front() != '"' || etag.back() != '"' || etag[28] != '=') return false;
    for (std::size_t i = 1; i < 28; ++i) {
        char c = etag[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            return false;
    }
    return true;
}

}  // namespace portal::sync
