#include "store/crc32.hpp"

#include <array>

namespace portal::store {

namespace {
std::array<std::uint32_t, 256> make_table() {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    return t;
}
}  // namespace

std::uint32_t crc32(std::string_view data) {
    static const std::array<std::uint32_t, 256> table = make_table();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char ch : data) c = table[(c ^ ch) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::string crc32_hex(std::string_view data) {
    static const char* digits = "0123456789abcdef";
    std::uint32_t c = crc32(data);
    std::string out(8, '0');
    for (int i = 7; i >= 0; --i, c >>= 4) out[i] = digits[c & 0xF];
    return out;
}

}  // namespace portal::store
